// The translation editor's main footer button reads "Submit for review" for translators who
// cannot publish (translation/editor.py answers its POST by starting the review).
// The footer is wagtail-localize's React component, so the label is set again whenever it
// re-renders.
(() => {
  const editor = document.querySelector(".js-translation-editor[data-submit-for-review]");
  if (!editor) return;
  const relabel = () => {
    const button = editor.querySelector('footer button[name="action"][value="publish"]');
    if (!button) return;
    const label = button.querySelector("[data-w-progress-target='label']") || button;
    if (label.textContent !== editor.dataset.submitForReview) {
      label.textContent = editor.dataset.submitForReview;
    }
    button.dataset.wProgressActiveValue = editor.dataset.submitting;
    button.dataset.clickedText = editor.dataset.submitting;
  };
  relabel();
  new MutationObserver(relabel).observe(editor, { childList: true, subtree: true });
})();
