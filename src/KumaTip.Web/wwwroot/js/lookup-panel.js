// The Threat Lookup details panel, wherever it is shown (details page, task result, beside the events; the panel
// beside the events arrives later, so the handlers listen on the document): copy buttons and sortable tables.
(() => {
  const copy = async (text) => {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // No clipboard API (a page served over plain http): the older way still copies a selection.
      const area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.className = 'offscreen';
      document.body.append(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
  };

  // A cell sorts by its data-sort (numbers, times and zones, written by the server) or else by its text.
  const key = (row, index) => {
    const cell = row.cells[index];
    return cell ? (cell.dataset.sort || cell.textContent.trim()) : '';
  };
  const compare = (a, b) => {
    const x = Number(a); const y = Number(b);
    return a !== '' && b !== '' && !Number.isNaN(x) && !Number.isNaN(y) ? x - y : a.localeCompare(b, document.documentElement.lang);
  };

  document.addEventListener('click', async (e) => {
    const copyButton = e.target.closest('button[data-copy]');
    if (copyButton) {
      await copy(copyButton.dataset.copy);
      copyButton.classList.add('copied');
      setTimeout(() => copyButton.classList.remove('copied'), 1200);
      return;
    }

    const sortButton = e.target.closest('table[data-sortable] th > button.sort');
    if (!sortButton) return;
    const header = sortButton.parentElement;
    const table = header.closest('table');
    const index = header.cellIndex;
    const ascending = header.getAttribute('aria-sort') !== 'ascending';
    table.querySelectorAll('th[aria-sort]').forEach((th) => th.setAttribute('aria-sort', 'none'));
    header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    const body = table.tBodies[0];
    const rows = [...body.rows].sort((a, b) => compare(key(a, index), key(b, index)) * (ascending ? 1 : -1));
    body.append(...rows);
  });
})();
