import { makeProfile, parseProfile, STORAGE_KEY, type Profile } from '../domain/coverage/profile.ts';

/**
 * The data profile in localStorage. What is read back is validated (src/domain/coverage/
 * profile.ts); ids are checked against the known data sources once the data file is loaded.
 */

/** The stored profile, or null when there is none (or storage is off, or it is not a profile). */
export function storedProfile(): Profile | null {
  try {
    return parseProfile(localStorage.getItem(STORAGE_KEY))?.profile ?? null;
  } catch {
    return null;
  }
}

export function saveProfile(ids: Iterable<string>): Profile {
  const p = makeProfile(ids);
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(p));
  } catch {
    // Private browsing or a full quota: the profile lasts as long as the page.
  }
  return p;
}

export function clearProfile(): void {
  try {
    localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing stored to clear.
  }
}
