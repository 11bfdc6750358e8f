import { describe, expect, it } from 'vitest';
import { chromiumLangFor, readUiLanguage, uiLanguageMemory } from '../../../electron/ui-language';
import { FakeFs } from './fakes';

const FILE = '/user/ui-language.json';

describe('ui language for Chromium controls', () => {
  it.each([
    ['{"locale":"zh-CN"}', 'zh-CN'],
    ['{"locale":"en"}', 'en'],
    ['{"locale":"fr"}', null],
    ['{"locale":1}', null],
    ['null', null],
    ['not json', null],
  ])('reads %s as %s', (text, expected) => {
    expect(readUiLanguage(() => text, FILE)).toBe(expected);
  });

  it('treats a missing file as no choice yet', () => {
    expect(
      readUiLanguage(() => {
        throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      }, FILE),
    ).toBeNull();
  });

  it('maps the app languages to Chromium --lang values (English dates day first)', () => {
    expect(chromiumLangFor('zh-CN')).toBe('zh-CN');
    expect(chromiumLangFor('en')).toBe('en-GB');
  });

  it('writes the language when it changes, through a temporary file, and not again when it does not', async () => {
    const fs = new FakeFs();
    const memory = uiLanguageMemory(fs, FILE, 'zh-CN');
    await memory.remember('zh-CN');
    expect(fs.writes).toEqual([]);
    await memory.remember('en');
    expect(fs.writes).toEqual([`${FILE}.tmp`]);
    expect(fs.text(FILE)).toBe('{"locale":"en"}');
    expect(fs.files.has(`${FILE}.tmp`)).toBe(false);
    await memory.remember('en');
    expect(fs.writes).toHaveLength(1);
    expect(readUiLanguage((f) => fs.text(f) ?? '', FILE)).toBe('en');
  });
});
