// Labels wagtail-localize's React editor writes as English literals, set in the user's language:
// - each tab's heading ("English to German translation"), from data-section-title;
// - the footer's main button, "Submit for review" for translators who cannot publish
//   (translation/editor.py answers its POST by starting the review);
// - under each sentence that holds glossary terms, their approved translations (from the
//   #glossary-hints data, matched on the sentence's text; shown by editor.css).
// The editor re-renders, so the labels are set again whenever its DOM changes.
(() => {
  const editor = document.querySelector(".js-translation-editor");
  if (!editor) return;
  const props = JSON.parse(editor.dataset.props);
  const upstreamTitle = `${props.sourceLocale.displayName} to ${props.locale.displayName} translation`;
  const { sectionTitle, submitForReview, submitting } = editor.dataset;

  const retitleSections = () => {
    if (sectionTitle === upstreamTitle) return; // English: rewriting it would wake the observer forever
    for (const heading of editor.querySelectorAll("section h3")) {
      if (heading.textContent === upstreamTitle) heading.textContent = sectionTitle;
    }
  };
  const relabelSubmit = () => {
    const button = editor.querySelector('footer button[name="action"][value="publish"]');
    if (!submitForReview || !button) return;
    const label = button.querySelector("[data-w-progress-target='label']") || button;
    if (label.textContent !== submitForReview) label.textContent = submitForReview;
    button.dataset.wProgressActiveValue = submitting;
    button.dataset.clickedText = submitting;
  };
  const normalise = (text) => text.replace(/\s+/g, " ").trim();
  const hintData = document.getElementById("glossary-hints");
  const hints = new Map(
    (hintData ? JSON.parse(hintData.textContent) : []).map(({ text, hint }) => [normalise(text), hint]),
  );
  const showGlossary = () => {
    if (!hints.size) return;
    for (const source of editor.querySelectorAll("li > p:first-child")) {
      const hint = hints.get(normalise(source.textContent));
      if (hint && source.dataset.glossaryHint !== hint) source.dataset.glossaryHint = hint;
    }
  };
  const relabel = () => {
    retitleSections();
    relabelSubmit();
    showGlossary();
  };
  relabel();
  new MutationObserver(relabel).observe(editor, { childList: true, subtree: true });
})();
