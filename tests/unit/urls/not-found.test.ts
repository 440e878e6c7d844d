import { describe, expect, it } from 'vitest';
import { detectionHrefFromApi, guessFromPath } from '../../../src/domain/urls/not-found';

const ID = '70dd0968-d898-4c61-b0ac-c8642fabbfe8';

describe('404 page guesses', () => {
  it('finds a detection id under any folder, with or without the base', () => {
    expect(guessFromPath(`/cloud/${ID}/`, '/')).toEqual({ id: ID, query: ID });
    expect(guessFromPath(`/catalog/detections/deprecated/${ID.toUpperCase()}/`, '/catalog/')).toEqual({
      id: ID,
      query: ID,
    });
    expect(guessFromPath(`/api/detections/${ID}.json`, '/').id).toBe(ID);
  });

  it('turns an old name path into search words', () => {
    expect(guessFromPath('/endpoint/windows_encoded_powershell-command_line/', '/')).toEqual({
      id: null,
      query: 'windows encoded powershell command line',
    });
    expect(guessFromPath('/catalog/stories/log4shell%20cve/index.html', '/catalog/').query).toBe('log4shell cve');
    expect(guessFromPath('/', '/').query).toBe('');
    // A broken escape is kept as it came, not thrown on.
    expect(guessFromPath('/x/%E0%A4%A/', '/').query).toBe('%E0%A4%A');
  });

  it('builds the target from the API record and refuses anything that is not a plain folder and id', () => {
    expect(detectionHrefFromApi({ id: ID, catalog: { folder: 'endpoint' } }, '/')).toBe(`/endpoint/${ID}/`);
    expect(detectionHrefFromApi({ id: ID, catalog: { folder: 'endpoint' } }, '/catalog')).toBe(
      `/catalog/endpoint/${ID}/`,
    );
    expect(detectionHrefFromApi({ id: ID, catalog: { folder: '//evil.example' } }, '/')).toBeNull();
    expect(detectionHrefFromApi({ id: ID, catalog: { folder: '..' } }, '/')).toBeNull();
    expect(detectionHrefFromApi({ id: 'javascript:alert(1)', catalog: { folder: 'endpoint' } }, '/')).toBeNull();
    expect(detectionHrefFromApi(null, '/')).toBeNull();
    expect(detectionHrefFromApi({ id: ID, catalog: { folder: 'a b' } }, '/')).toBe(`/a%20b/${ID}/`);
  });
});
