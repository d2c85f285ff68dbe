// Remembers which line-item columns a person shows, in this browser.
const storageKey = 'finops.lineItems.columns';

export function getColumns() {
  try {
    const parsed = JSON.parse(globalThis.localStorage.getItem(storageKey) ?? 'null');
    return Array.isArray(parsed) ? parsed.filter(c => typeof c === 'string') : null;
  } catch {
    return null; // storage disabled or unreadable: the default columns
  }
}

export function setColumns(columns) {
  try {
    if (columns === null) {
      globalThis.localStorage.removeItem(storageKey);
    } else {
      globalThis.localStorage.setItem(storageKey, JSON.stringify(columns));
    }
  } catch {
    // storage disabled: the choice lasts for this page only
  }
}
