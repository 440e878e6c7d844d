/** Where the profile is kept in localStorage: its own module so the every-page hook stays tiny. */
export const STORAGE_KEY = 'catalog:my-data';
