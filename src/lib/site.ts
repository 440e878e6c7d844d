/**
 * Site-wide settings from the environment at build time.
 */
export const SITE_NAME = process.env.SITE_NAME?.trim() || 'Detection Catalog';
export const SPLUNK_WEB_URL = process.env.SPLUNK_WEB_URL?.trim() || 'http://localhost:8000';
export const SPLUNK_APP = process.env.SPLUNK_APP?.trim() || 'search';
export const REPO_URL = (process.env.REPO_URL?.trim() || 'https://github.com/splunk/security_content').replace(/\/+$/, '');
export const REPO_BRANCH = process.env.REPO_BRANCH?.trim() || 'develop';
