"""Files mineralcheck parses besides articles: claims.yaml, baselines and an article's front matter.

claims.yaml is read with a safe loader that constructs no objects; a malformed file, an unknown key,
an object tag, a bomb (aliases that expand to billions of values, deep nesting), a device or a huge
file is refused fast, naming the file and the line. A front matter bomb is ignored and its article
read.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from mineralcheck.errors import ExitCode
from tests.runs import (
    COURIER,
    assert_offsets_exact,
    err,
    mc,
    news,
    one_sentence_error,
    run,
    run_checked,
)

pytestmark = pytest.mark.usefixtures("fake_model")  # every command gets FakeEmbedder and its own cache


# --- claims.yaml: malformed, unknown keys, object tags ----------------------------------------


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        ("version: 1\nclaims:\n  - id: a\n    match: [unclosed\n", "claims.yaml:5: invalid YAML"),
        ("version: 1\nclaims:\n\t- id: a\n", "claims.yaml:3: invalid YAML"),
        (
            "version: 1\nclaims:\n  - id: a\n    match: the bridge closed\n    expected: {value: 6}\n",
            "claims.yaml:5: ",
        ),
        ("version: 1\nsorces: [news/]\nclaims: []\n", "claims.yaml:2: "),
    ],
    ids=["unclosed-bracket", "tab-indent", "unknown-key", "misspelt-top-level-key"],
)
def test_claims_yaml_malformed_or_with_unknown_keys(in_tmp: Path, yaml_text: str, expected: str) -> None:
    news(in_tmp)
    (in_tmp / "claims.yaml").write_text(yaml_text)
    result = run("check", "news")
    message = one_sentence_error(result)
    assert message.startswith(expected), message


@pytest.mark.parametrize(
    "payload",
    [
        "!!python/object/apply:os.system ['touch {flag}']",
        "!!python/object/new:os.system ['touch {flag}']",
        "!!python/object:os.system {{cmd: 'touch {flag}'}}",
        "!!python/name:os.system",
        "!!python/object/apply:subprocess.check_output [['touch', '{flag}']]",
    ],
)
def test_claims_yaml_tags_that_construct_objects_are_refused(in_tmp: Path, payload: str) -> None:
    news(in_tmp)
    flag = in_tmp / "pwned"
    (in_tmp / "claims.yaml").write_text(
        "version: 1\nclaims:\n  - id: a\n    match: " + payload.format(flag=flag) + "\n"
    )
    message = one_sentence_error(run("check", "news"))
    assert message.startswith("claims.yaml:4: "), message
    assert "python" in message
    assert not flag.exists()


def test_claims_yaml_that_is_not_utf8_names_the_line(in_tmp: Path) -> None:
    news(in_tmp)
    (in_tmp / "claims.yaml").write_bytes(b"version: 1\nclaims:\n  - id: caf\xe9\n")
    result = run_checked("check", "news")
    assert one_sentence_error(result) == "claims.yaml:3: not UTF-8 text (invalid continuation byte)"
    assert result.stderr.splitlines()[1] == "Tip: save the file as UTF-8"


# --- bombs: claims.yaml, baselines and front matter -------------------------------------------


BILLION_LAUGHS = (
    "version: 1\n"
    + "".join(
        f"{name}: &{name} [{', '.join([f'*{prev}'] * 9) if prev else ', '.join(['lol'] * 9)}]\n"
        for prev, name in zip([None, *"abcdefgh"], "abcdefghi", strict=True)
    )
    + "claims: []\n"
)


ALIAS_CHAIN = "version: 1\na0: &a0 [x]\n" + "".join(f"a{k}: &a{k} [*a{k - 1}]\n" for k in range(1, 1000))


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        (
            BILLION_LAUGHS,
            "claims.yaml:7: invalid YAML: its aliases (*name) expand to more than 100,000 values",
        ),
        (
            "version: 1\nclaims: " + "[" * 5000 + "]" * 5000 + "\n",
            "claims.yaml:2: invalid YAML: nested more than 50 levels deep",
        ),
        (
            "version: 1\nclaims: &loop [*loop]\n",
            "claims.yaml:2: invalid YAML: an alias (*name) refers to a value that contains it",
        ),
        (
            ALIAS_CHAIN + "claims: []\n",
            "claims.yaml:51: invalid YAML: its aliases (*name) nest more than 50 levels deep",
        ),
    ],
    ids=["billion-laughs", "nested-5000", "self-alias", "alias-chain-1000"],
)
def test_a_claims_yaml_bomb_is_refused_fast_naming_the_file(
    tmp_path: Path, yaml_text: str, message: str
) -> None:
    news(tmp_path)
    (tmp_path / "claims.yaml").write_text(yaml_text)
    started = time.monotonic()
    done = mc("check", "news", cwd=tmp_path, bounded_memory=True, timeout=60)
    assert time.monotonic() - started < 30
    assert done.returncode == ExitCode.ERROR
    (line,) = err(done).splitlines()
    assert line.startswith(f"error: {message}"), line
    assert line.endswith(
        ("write the values out, or use fewer aliases", "flatten the structure", "contains it")
    ), line


def test_a_large_claims_yaml_without_aliases_is_refused_fast_for_its_size(in_tmp: Path) -> None:
    # 9.5 MB of ordinary expectations: refused in seconds (not after a minute of composing), and
    # for its size, not for aliases it does not have.
    news(in_tmp)
    entry = (
        "  - id: claim-{k}\n    title: A title for claim number {k}\n"
        '    match: "The Lindmoor bridge reopened on Monday after {k} days"\n'
        '    expect: {{value: ">90%", status: agree, min_sources: 2}}\n'
    )
    text = "version: 1\nclaims:\n" + "".join(entry.format(k=k) for k in range(50_000))
    assert 9e6 < len(text) < 10e6
    (in_tmp / "claims.yaml").write_text(text)
    started = time.monotonic()
    message = one_sentence_error(run("check", "news"))
    assert time.monotonic() - started < 10
    assert message.startswith("claims.yaml:"), message
    assert message.endswith(
        ": more than 100,000 values by this line, far more than a hand-written file holds: "
        "is it the right file?"
    ), message


def test_a_baseline_nested_100000_deep_is_refused_naming_the_file(in_tmp: Path) -> None:
    news(in_tmp)
    (in_tmp / "claims.yaml").write_text("version: 1\nclaims:\n  - id: a\n    match: the bridge closed\n")
    (in_tmp / "base.json").write_text("[" * 100_000 + "]" * 100_000)
    result = run_checked("check", "news", "--baseline", "base.json")
    assert one_sentence_error(result) == "base.json: nested too deeply to be a mineralcheck baseline"
    assert "--update-baseline" in result.stderr.splitlines()[1]


LAUGHS = BILLION_LAUGHS.removeprefix("version: 1\n").removesuffix("claims: []\n")


@pytest.mark.parametrize(
    "front",
    [LAUGHS + "title: *i\n", "title: &t [*t]\n", "title: " + "[" * 5000 + "]" * 5000 + "\n"],
    ids=["billion-laughs", "self-alias", "nested-5000"],
)
def test_a_front_matter_bomb_is_ignored_and_the_article_read(tmp_path: Path, front: str) -> None:
    news(tmp_path, bomb__md=f"---\n{front}---\n{COURIER}")
    done = mc("compare", "news", "--format", "json", cwd=tmp_path, bounded_memory=True, timeout=60)
    assert done.returncode == ExitCode.OK, err(done)
    report = json.loads(done.stdout)
    assert {s["id"] for s in report["sources"]} == {"bomb", "herald"}
    assert_offsets_exact(report, "bomb", f"---\n{front}---\n{COURIER}")


@pytest.mark.parametrize("option", ["--claims", "--baseline"])
def test_a_device_or_a_huge_file_as_claims_or_baseline_is_refused_at_once(
    tmp_path: Path, option: str
) -> None:
    news(tmp_path)
    (tmp_path / "claims.yaml").write_text("version: 1\nclaims:\n  - id: a\n    match: the bridge closed\n")
    with open(tmp_path / "huge", "wb") as huge:
        huge.truncate(20_000_000_000)  # sparse: 20 GB that take no space
    for path, cause in [
        ("/dev/zero", "it is a character device, not a file"),
        ("huge", "too large (20.0 GB; the limit is 10 MB)"),
        ("news", "it is a folder, not a file"),
    ]:
        done = mc("check", "news", option, path, cwd=tmp_path, bounded_memory=True, timeout=60)
        assert done.returncode == ExitCode.ERROR
        assert err(done).splitlines()[0] == f"error: Cannot read {path}: {cause}"
