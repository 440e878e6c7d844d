/**
 * Copy buttons: `[data-copy]` copies the code block it sits in, `[data-copy-text]` copies its
 * attribute value. Buttons start hidden so pages without JavaScript show no dead controls.
 */
async function copyText(text: string, button: HTMLButtonElement) {
  const label = button.textContent;
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = 'Copied';
  } catch {
    button.textContent = 'Press Ctrl+C';
  }
  setTimeout(() => (button.textContent = label), 1500);
}

for (const b of document.querySelectorAll<HTMLButtonElement>('button[data-copy], button[data-copy-text]')) {
  b.hidden = false;
  b.addEventListener('click', () => {
    const text = b.dataset.copyText ?? b.parentElement?.querySelector('pre')?.innerText ?? '';
    void copyText(text.replace(/\n$/, ''), b);
  });
}
