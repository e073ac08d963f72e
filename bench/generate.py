"""Synthetic news corpora for the benchmark: recombined sentences about invented events, figures perturbed.

Deterministic (seeded): the same size always gives the same files. Nothing is downloaded; every
sentence comes from the templates below. Each event (a quake, a flood, an election, a merger) is
covered by several outlets, each picking its own subset and wording of the event's facts, sometimes
with a hedged or different figure, the way real coverage of one event diverges.

    python bench/generate.py OUT_DIR --articles 100 [--seed 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

SYLLABLES = "ka ro ven mi tal sor eni ba lu dor an vik el mar tos ira pen go hal um res"
FIRST = "Ana Tomas Leila Marek Ines Kofi Yuki Pavel Sofia Daniel Amara Lucas Noor Ivan Clara Omar".split()
LAST = "Varga Okafor Lindqvist Moreau Tanaka Haddad Novak Costa Brennan Sato Adeyemi Kowalski".split()
OUTLETS = (
    "Herald Gazette Courier Ledger Tribune Observer Dispatch Chronicle Post Record Sentinel Wire".split()
)
MONTHS = "January February March April May June July August September October November December".split()


def place(rng: random.Random) -> str:
    words = SYLLABLES.split()
    name = "".join(rng.choice(words) for _ in range(rng.randint(2, 3)))
    return name.capitalize()


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def say_date(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.day}"


# Each fact is a list of paraphrases; {slots} come from the event, {n:name} from its figures.
QUAKE = [
    [
        "A magnitude {magnitude} earthquake struck {place} on {weekday}, killing {deaths} people.",
        "At least {deaths} people died when a {magnitude}-magnitude quake hit {place} on {weekday}.",
        "The {magnitude} magnitude earthquake that shook {place} on {weekday} killed {deaths} people.",
    ],
    [
        "More than {injured} people were injured, according to the {agency}.",
        "The {agency} said {injured} people had been treated for injuries.",
        "Some {injured} people were hurt, the {agency} reported.",
    ],
    [
        "The quake struck at a depth of {depth} km, about {distance} km from {city}.",
        "Its epicentre lay {distance} km from {city} at a depth of {depth} kilometres.",
    ],
    [
        "Rescue teams searched collapsed buildings in {city} through the night.",
        "Rescuers dug through the rubble of homes in {city} late into the night.",
    ],
    [
        "{official}, the regional governor, said {houses} houses had been destroyed.",
        "About {houses} homes were destroyed, governor {official} told reporters.",
    ],
    [
        "The government released {aid} million dollars in emergency aid on {date}.",
        "Emergency aid of ${aid} million was approved on {date}.",
    ],
    [
        "More than {aftershocks} aftershocks were recorded in the following hours.",
        "Seismologists counted {aftershocks} aftershocks by the next morning.",
    ],
    [
        "Schools in {region} will stay closed for {days} days.",
        "Authorities closed schools across {region} for {days} days.",
    ],
]
FLOOD = [
    [
        "Floods in {region} have killed {deaths} people since {weekday}.",
        "The death toll from flooding in {region} rose to {deaths} on {weekday}.",
        "At least {deaths} people have died in floods that hit {region} on {weekday}.",
    ],
    [
        "Some {displaced} people have been forced from their homes, the {agency} said.",
        "The {agency} said {displaced} residents had been evacuated.",
    ],
    [
        "The {river} river rose {level} metres above its normal level near {city}.",
        "Water levels on the {river} reached {level} metres above normal at {city}.",
    ],
    [
        "{rain} millimetres of rain fell in {hours} hours, the weather service said.",
        "The weather service recorded {rain} mm of rain over {hours} hours.",
    ],
    [
        "{official}, the interior minister, visited {city} on {date} and promised {aid} million dollars.",
        "Interior minister {official} pledged ${aid} million during a visit to {city} on {date}.",
    ],
    [
        "About {bridges} bridges were washed away and {roads} roads remain closed.",
        "The floods destroyed {bridges} bridges and cut {roads} roads.",
    ],
    [
        "Crops on {farmland} hectares of farmland were lost.",
        "Farmers lost harvests on some {farmland} hectares.",
    ],
]
ELECTION = [
    [
        "{candidate} won the presidential election in {country} with {share}% of the vote.",
        "{candidate} was elected president of {country} on {weekday}, taking {share}% of the votes.",
        "Voters in {country} chose {candidate} as president, giving {candidate_last} {share}% of the vote.",
    ],
    [
        "Turnout was {turnout}%, the electoral commission said.",
        "The electoral commission put turnout at {turnout} percent.",
    ],
    [
        "Runner-up {rival} received {rival_share}% and conceded on {date}.",
        "{rival}, who came second with {rival_share}%, conceded defeat on {date}.",
    ],
    [
        "About {voters} million people were eligible to vote in {country}.",
        "Some {voters} million voters were registered for the election.",
    ],
    [
        "{candidate_last} promised to cut the income tax rate to {tax}% within {years} years.",
        "The president-elect has pledged a {tax}% income tax rate by {year}.",
    ],
    [
        "International observers from {observers} countries monitored the vote.",
        "Observers from {observers} countries said the vote was orderly.",
    ],
    [
        "{candidate_last} will be sworn in on {date2} in {city}.",
        "The inauguration is scheduled for {date2} in the capital, {city}.",
    ],
]
MERGER = [
    [
        "{company} agreed to buy {target} for {price} billion dollars on {weekday}.",
        "{company} will acquire {target} in a ${price} billion deal announced on {weekday}.",
        "{target} is to be bought by {company} for ${price} billion, the companies said on {weekday}.",
    ],
    [
        "The offer values {target} shares at ${share_price} each, a {premium}% premium.",
        "{company} is paying ${share_price} per share, {premium}% above {target}'s last close.",
    ],
    [
        "The combined company will employ about {staff} people in {countries} countries.",
        "Together the two firms have some {staff} employees across {countries} countries.",
    ],
    [
        "{ceo}, chief executive of {company}, said the deal would save {savings} million dollars a year.",
        "{company} expects annual savings of ${savings} million, chief executive {ceo} said.",
    ],
    [
        "Shares of {target} rose {jump}% in early trading.",
        "{target} stock jumped {jump} percent after the announcement.",
    ],
    [
        "The deal is expected to close in {year}, subject to regulatory approval.",
        "Regulators in {countries} countries must approve the deal, which should close in {year}.",
    ],
]
BACKGROUND = [
    "Residents described scenes of confusion as news spread through {city} on {weekday}.",
    "Local radio stations in {region} interrupted their programmes to broadcast updates.",
    "{official} is expected to hold a press conference in {city} later this week.",
    "Analysts in {city} said the full impact would not be known for several weeks.",
    "The area around {place} has seen similar events before, most recently in {old_year}.",
    '"We are doing everything we can," {official} said in a statement on {weekday}.',
    "Officials in {region} urged people to follow instructions from the authorities.",
    "Neighbouring countries offered assistance to {city} on {weekday}.",
    "Television pictures from {city} showed long queues outside banks and shops.",
    "{reporter}, a local journalist, said many families in {place} had spent the night outdoors.",
    "The {agency} opened a hotline for relatives and said it had received {calls} calls.",
    "Opposition politicians in {region} criticised the response as slow.",
    "Mobile networks around {city} were overloaded for several hours, operators said.",
    "The mayor of {city}, {mayor}, cancelled a planned trip abroad.",
    "Prices of fuel and bread in {city} rose sharply over the following days.",
    "Volunteers from {place} collected food and blankets at the central station.",
    "{reporter} said the main hospital in {city} had set up tents in its car park.",
    "Flights to {city} were delayed on {weekday} but the airport remained open.",
    "Several embassies in {city} told their citizens to avoid non-essential travel.",
    "The last comparable event, in {old_year}, led to a change in building rules.",
]

KINDS = {"quake": QUAKE, "flood": FLOOD, "election": ELECTION, "merger": MERGER}
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()


def make_event(rng: random.Random, kind: str) -> dict[str, object]:
    day = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randint(0, 330))
    candidate = person(rng)
    ceo = person(rng)
    figures = {
        "magnitude": round(rng.uniform(5.0, 7.9), 1),
        "deaths": rng.randint(3, 400),
        "injured": rng.randint(20, 3000),
        "depth": rng.randint(5, 120),
        "distance": rng.randint(8, 90),
        "houses": rng.randint(50, 9000),
        "aid": rng.randint(2, 300),
        "aftershocks": rng.randint(5, 200),
        "days": rng.randint(2, 14),
        "displaced": rng.randint(500, 90000),
        "level": round(rng.uniform(1.0, 6.5), 1),
        "rain": rng.randint(80, 600),
        "hours": rng.choice([12, 24, 36, 48, 72]),
        "bridges": rng.randint(2, 60),
        "roads": rng.randint(5, 300),
        "farmland": rng.randint(1000, 200000),
        "share": round(rng.uniform(40, 68), 1),
        "turnout": round(rng.uniform(45, 85), 1),
        "rival_share": round(rng.uniform(20, 39), 1),
        "voters": round(rng.uniform(2, 60), 1),
        "tax": rng.randint(10, 30),
        "years": rng.randint(2, 5),
        "observers": rng.randint(5, 40),
        "price": round(rng.uniform(1, 80), 1),
        "share_price": round(rng.uniform(10, 250), 2),
        "premium": rng.randint(10, 60),
        "staff": rng.randint(2000, 150000),
        "countries": rng.randint(3, 60),
        "savings": rng.randint(50, 2000),
        "jump": rng.randint(5, 45),
    }
    return {
        "kind": kind,
        "day": day,
        "place": place(rng),
        "city": place(rng),
        "region": place(rng) + " province",
        "country": "Republic of " + place(rng),
        "river": place(rng),
        "agency": rng.choice(["civil protection agency", "health ministry", "Red Cross", "disaster agency"]),
        "official": person(rng),
        "candidate": candidate,
        "candidate_last": candidate.split()[1],
        "rival": person(rng),
        "company": place(rng) + rng.choice([" Holdings", " Group", " Energy", " Systems"]),
        "target": place(rng) + rng.choice([" Mining", " Foods", " Labs", " Logistics"]),
        "ceo": ceo,
        "mayor": person(rng),
        "figures": figures,
    }


def perturb(rng: random.Random, value: float) -> str:
    """Mostly the event's figure; sometimes another reading of it (an update, a typo, a rounding)."""
    roll = rng.random()
    if roll < 0.12 and value >= 10:
        value = value + rng.choice([-1, 1]) * max(1, round(value * rng.uniform(0.05, 0.3)))
    elif roll < 0.18 and value >= 100:
        value = round(value, -1)
    text = f"{value:,}" if isinstance(value, int) and value >= 10000 else str(value)
    return text


def write_article(rng: random.Random, event: dict[str, object], outlet: str) -> str:
    figures = event["figures"]
    assert isinstance(figures, dict)
    day = event["day"]
    assert isinstance(day, dt.date)
    published = day + dt.timedelta(days=rng.randint(0, 2))
    slots = {k: v for k, v in event.items() if isinstance(v, str)}
    slots.update({k: perturb(rng, v) for k, v in figures.items()})
    slots.update(
        weekday=WEEKDAYS[day.weekday()],
        date=say_date(day + dt.timedelta(days=rng.randint(0, 2))),
        date2=say_date(day + dt.timedelta(days=rng.randint(20, 60))),
        year=str(day.year + rng.randint(0, 2)),
        old_year=str(day.year - rng.randint(3, 30)),
        reporter=person(rng),
        mayor=str(event["mayor"]),
        calls=perturb(rng, rng.randint(200, 20000)),
    )
    facts = list(KINDS[str(event["kind"])])
    chosen = [rng.choice(variants) for variants in facts if rng.random() < 0.85]
    # Longer pieces restate a fact in other words further down, as real reports do.
    chosen += [rng.choice(variants) for variants in facts if rng.random() < 0.4]
    filler = rng.sample(BACKGROUND, k=rng.randint(6, 10))
    body = chosen[:1] + rng.sample(chosen[1:] + filler, k=len(chosen) - 1 + len(filler))
    sentences = [s.format(**slots) for s in body]
    paragraphs = []
    while sentences:
        take = rng.randint(1, 3)
        paragraphs.append(" ".join(sentences[:take]))
        sentences = sentences[take:]
    headline = body[0].format(**slots).rstrip(".")
    dateline = f"{slots['city'].upper()}, {say_date(published)}, {published.year} ({outlet}) -"
    byline = f"By {person(rng)}"
    return "\n\n".join([headline, byline, f"{dateline} {paragraphs[0]}", *paragraphs[1:]]) + "\n"


def generate(out: Path, articles: int, seed: int = 7) -> list[Path]:
    """Write `articles` articles into `out` (5 to 12 outlets per event); returns the files."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    event_no = 0
    while len(files) < articles:
        kind = rng.choice(sorted(KINDS))
        event = make_event(rng, kind)
        outlets = rng.sample(OUTLETS, k=min(rng.randint(5, 12), articles - len(files)))
        for outlet in outlets:
            file = out / f"{event_no:04d}_{kind}_{outlet.lower()}.txt"
            file.write_text(write_article(rng, event, outlet), encoding="utf-8")
            files.append(file)
        event_no += 1
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    files = generate(args.out, args.articles, args.seed)
    print(f"wrote {len(files)} articles to {args.out}")


if __name__ == "__main__":
    main()
