// Gouvernance IA — guided AI Act questionnaire (progressive enhancement; the form works without it).
// Once an answer settles the outcome (not an AI system, or a prohibited practice), the later
// steps are marked as not changing the result, and a live note says why.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form.questionnaire");
  if (!form) return;
  const steps = Array.from(form.querySelectorAll("fieldset"));
  const note = document.createElement("p");
  note.className = "alert alert-info guide";
  note.setAttribute("aria-live", "polite");
  note.hidden = true;
  form.insertBefore(note, form.querySelector("button[type=submit]"));

  function update() {
    const outside = form.querySelector("#systeme_ia-non")?.checked;
    const prohibited = form.querySelectorAll("input[name=pratiques_interdites]:checked").length > 0;
    const lastUseful = outside ? "q-systeme_ia" : prohibited ? "q-pratiques_interdites" : null;
    let settled = false;
    for (const step of steps) {
      step.classList.toggle("settled", settled);
      if (step.id === lastUseful) settled = true;
    }
    note.hidden = !lastUseful;
    note.textContent = outside
      ? "Pas de système d'IA : hors champ de l'AI Act. Les étapes suivantes ne changent pas le résultat."
      : prohibited
        ? "Pratique interdite (article 5) : les étapes suivantes ne changent pas le résultat."
        : "";
  }
  form.addEventListener("change", update);
  update();
});
