// Remembers the user's light/dark choice for FinOps Cockpit in this browser.
const storageKey = 'finops.colorScheme';

export function getStoredScheme() {
  try {
    const value = globalThis.localStorage.getItem(storageKey);
    return value === 'dark' || value === 'light' ? value : null;
  } catch {
    return null; // storage disabled (private mode, kiosk policy): follow the system
  }
}

export function storeScheme(scheme) {
  try {
    globalThis.localStorage.setItem(storageKey, scheme === 'dark' ? 'dark' : 'light');
  } catch {
    // storage disabled: the choice lasts for this session only
  }
}
