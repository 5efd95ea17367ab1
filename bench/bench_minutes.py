"""From a meeting's transcript to its compte rendu: the job's time once the audio is heard.

A 30-minute meeting (about 4,500 words, with names and telephone numbers) comes back
from a loopback fake transcription server at once, so what is measured is the rest
of the job as it runs in production: the real privacy engine pseudonymising the
transcript into the vault, storing it, the chat call (a loopback fake that answers
a JSON compte rendu at once) and its validation, then the re-identified minutes as
the page shows them. Prints the median over a few runs.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

try:
    from bench import smoke
except ImportError:  # run as a script, python bench/bench_minutes.py
    import smoke

ROOT = Path(__file__).resolve().parent.parent
RESULTS = smoke.results_dir() / "minutes.md"
MINUTES_OF_SPEECH = smoke.size(30, 1)
RUNS = smoke.size(3, 1)
WORDS_PER_MINUTE = 150

SENTENCES = [
    "{name} rappelle que le budget de la voirie a été voté en mars dernier.",
    "Il faudra relancer l'entreprise, {name} s'en charge et la joindra au {phone}.",
    "La commission propose de reporter les travaux du gymnase à l'été prochain.",
    "{name} demande que le compte rendu soit transmis aux élus avant la fin du mois.",
    "Les agents du service technique signalent un manque de matériel de déneigement.",
    "Après discussion, la proposition est adoptée à l'unanimité des présents.",
]
NAMES = ["Marie Lefèvre", "Paul Martin", "Sophie Bernard", "Karim Haddad", "Julie Moreau"]


def transcript(minutes: int) -> str:
    words, lines, i = 0, [], 0
    while words < minutes * WORDS_PER_MINUTE:
        line = SENTENCES[i % len(SENTENCES)].format(
            name=NAMES[i % len(NAMES)], phone=f"06 {10 + i % 80:02d} 34 56 {i % 90 + 10:02d}")
        lines.append(line)
        words += len(line.split())
        i += 1
    return "\n".join(lines)


def main() -> None:
    sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests"), str(ROOT / "tests" / "minutes")]
    from fakes import FakeDrafter, FakeTranscriber, wav_of

    from collectivia.core.db import Database
    from collectivia.core.migrate import upgrade
    from collectivia.core.models import User
    from collectivia.jobs import progress
    from collectivia.minutes import service
    from collectivia.settings import Settings

    text = transcript(MINUTES_OF_SPEECH)
    transcriber, drafter = FakeTranscriber(text).start(), FakeDrafter("redacteur").start()
    timings: list[float] = []
    try:
        with tempfile.TemporaryDirectory() as workdir:
            url = f"sqlite:///{Path(workdir) / 'bench.db'}"
            upgrade(url)
            database = Database(url)
            drafting = drafter.backend(context=64_000, timeout=30)
            settings = Settings(var_dir=Path(workdir) / "var", secret_key="bench-" + "x" * 40,
                                database_url=url, warm_up=False, jobs_in_process=False,
                                llm_backends=json.dumps([transcriber.backend(), drafting]))
            with database.session() as session:
                session.add(User(login="agent", full_name="Agent", role="agent"))
            for _ in range(RUNS + 1):                       # the first run loads the models
                with database.session() as session:
                    user = session.query(User).one()
                    job = service.start(session, user, settings, "Réunion", "r.wav", wav_of(1.0))
                    session.commit()
                    job_id, meeting_id = job.id, job.params["meeting_id"]
                start = time.perf_counter()
                progress.run(database, settings, job_id, last_attempt=True)
                with database.session() as session:
                    meeting = service.get(session, session.query(User).one(), meeting_id)
                    assert meeting.status == "redige", meeting.note
                    minutes = service.minutes_of(session, meeting, settings)
                    service.transcript_of(session, meeting, settings)
                timings.append(time.perf_counter() - start)
            assert NAMES[0] not in drafter.sent_text()
            database.dispose()
    finally:
        transcriber.stop()
        drafter.stop()
    median = statistics.median(timings[1:])
    words = len(text.split())
    lines = [
        "# Compte rendu à partir d'une transcription",
        "",
        f"Transcription de {MINUTES_OF_SPEECH} min ({words} mots, {len(text)} caractères), "
        f"transcription et modèle de rédaction simulés sur la boucle locale, moteur de "
        f"pseudonymisation réel ; médiane de {RUNS} exécutions après une de mise en route.",
        "",
        "| étape | secondes |",
        "|---|---|",
        f"| transcription reçue → compte rendu ré-identifié | {median:.2f} |",
        f"| débit | {words / median:.0f} mots/s |",
        "",
        f"Décisions relevées : {len(minutes.decisions)} ; actions : {len(minutes.actions)}.",
    ]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
