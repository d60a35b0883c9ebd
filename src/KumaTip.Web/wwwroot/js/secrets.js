// Secrets and settings pages: a file picker that shows an "Upload PFX" button with the chosen file's name
// beside it. Without JavaScript the browser's own file input (which shows the name too) is used.
document.querySelectorAll('[data-file-picker]').forEach((picker) => {
  const input = picker.querySelector('[data-file-input]');
  const button = picker.querySelector('[data-file-button]');
  const name = picker.querySelector('[data-file-name]');
  if (!input || !button || !name) return;

  const maxBytes = Number(picker.dataset.maxBytes || 0);
  // A hidden required input cannot show the browser's message; the server says "Choose a PFX file." instead.
  input.required = false;
  input.hidden = true;
  button.hidden = false;
  button.addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    const file = input.files && input.files[0];
    if (!file) {
      name.textContent = '';
      return;
    }
    const tooLarge = maxBytes > 0 && file.size > maxBytes;
    name.textContent = tooLarge ? `${file.name} (${picker.dataset.tooLarge})` : file.name;
    name.classList.toggle('form-error', tooLarge);
  });
});
