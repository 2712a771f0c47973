// Every problem the server (or the app's file readers) can report has a message in the three
// languages, and the Chinese ones read as Chinese: no English sentence, districts by name.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TARGET_FIELDS } from '../../src/domain/import/column-mapping.ts';
import { PROBLEM_CODES, PROBLEMS, problem, type Problem } from '../../src/domain/problems.ts';
import { LANGS } from '../../src/domain/taxonomy.ts';
import { fieldLabel, issueText, PROBLEM_CATALOGUES, problemText } from '../../src/app/i18n/problem-text.ts';
import { ApiError } from '../../src/app/api/client.ts';
import { errorText, fieldTexts } from '../../src/app/i18n/error-text.ts';
import { loadMessages } from '../../src/app/i18n/messages.ts';

// The app loads a language's messages before showing it (messages.ts); so do these tests.
beforeAll(() => Promise.all(LANGS.map(loadMessages)));

/** A run of three or more Latin words: an English sentence (or a piece of one). */
export const ENGLISH_RUN = /[A-Za-z]{2,}(?:[\s,;:'"()-]+[A-Za-z]{2,}){2,}/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('problem codes', () => {
  it('come from one list, and every language has a message for each', () => {
    expect(PROBLEM_CODES.length).toBeGreaterThan(200);
    expect(new Set(PROBLEM_CODES).size).toBe(PROBLEM_CODES.length);
    for (const lang of LANGS) {
      const messages = PROBLEM_CATALOGUES[lang].messages as Record<string, unknown>;
      expect(Object.keys(messages).sort(), lang).toEqual([...PROBLEM_CODES].sort());
      for (const code of PROBLEM_CODES) expect(typeof messages[code], `${lang} ${code}`).toBe('function');
    }
  });

  it('covers every code the server and the domain name in their source', () => {
    // The compiler checks the calls it can type (problem(), IssueLog.error); this catches literal
    // codes written elsewhere (a reader's RowIssue, a template string).
    const used = new Map<string, string>();
    const patterns = [/\bproblem\('([a-z0-9_]+)'/g, /\bcode: '([a-z0-9_]+)'/g, /\.(?:error|warn)\([^,]+,\s*[^,]+,\s*'([a-z0-9_]+)'/g, /CODE_OF_FIELD[^}]*}/g];
    for (const file of [...sourceFiles('src/server'), ...sourceFiles('src/domain'), ...sourceFiles('src/app/state')]) {
      const text = readFileSync(file, 'utf8');
      for (const re of patterns.slice(0, 3)) for (const m of text.matchAll(re)) used.set(m[1], file);
    }
    // Codes of other vocabularies that share the `code: '…'` shape (taxonomy entries, tiles, …) are not problems.
    const problems = [...used].filter(([code, file]) => /problem|issue|import|bulk|errors|park-update|workflow|http|routes|area-file/.test(file) && !/^[a-z]+$/.test(code) || Object.hasOwn(PROBLEMS, code));
    const unknown = problems.filter(([code]) => !Object.hasOwn(PROBLEMS, code));
    expect(unknown, 'codes used in the source but missing from src/domain/problems.ts').toEqual([]);
    expect(problems.length).toBeGreaterThan(150);
  });

  it('names every import field in the three languages', () => {
    for (const lang of LANGS)
      for (const fields of Object.values(TARGET_FIELDS))
        for (const f of fields) expect(PROBLEM_CATALOGUES[lang].fields[f.field], `${lang} ${f.field}`).toBeTruthy();
  });
});

describe('problem messages', () => {
  const samples: Problem[] = [
    problem('workflow_path_fixed', { from: 'eliminate', to: 'convert', progress: 'in_progress' }),
    problem('workflow_progress_step', { from: 'not_started', to: 'completed', allowed: ['in_progress'] }),
    problem('park_other_district', { yourDistrict: '440111', parkDistrict: '440106' }),
    problem('username_taken', { username: 'planner' }),
    problem('password_too_short', { min: 12 }),
    problem('login_throttled', { seconds: 300 }),
    problem('version_conflict', { thing: 'park', current: 4, yours: 3, name: '石井工业园' }),
    problem('unknown_category', { value: 'upgrad' }),
    problem('bulk_row_failed', { line: 3, park: '石井工业园', cause: problem('workflow_path_fixed', { from: 'eliminate', to: 'convert', progress: 'completed' }) }),
    problem('credit_code_check', { value: '91440101MA59XXXX1X', found: 'X', expected: '3' }),
    problem('outside_city', { lon: 116.4, lat: 39.9 }),
    problem('district_name_mismatch', { name: '白云', district: '440111' }),
    problem('geojson_not_json', { line: 3, column: 17, end: false }),
    problem('area_file_not_json', { line: 1, column: 2 }),
    problem('area_file_garbled'),
    problem('text_not_utf8', { file: 'csv', offset: 1204 }),
    problem('indicator_period_invalid', { period: '2021-13' }),
    problem('import_outside_districts', { count: 2, rows: [4, 9], keys: ['P1', 'P2'], records: 'parks' }),
  ];

  it('renders in Chinese without English sentences, districts by name', () => {
    for (const lang of ['zh-Hans', 'zh-Hant'] as const)
      for (const p of samples) {
        const text = problemText(p, lang)!;
        expect(text, `${lang} ${p.code}`).toBeTruthy();
        expect(text, `${lang} ${p.code}: ${text}`).not.toMatch(ENGLISH_RUN);
        expect(text).not.toMatch(/undefined|\[object/);
      }
    expect(problemText(samples[2], 'zh-Hans')).toBe('您只能修改本区（白云区）的园区；此园区位于天河区。');
    expect(problemText(samples[2], 'zh-Hant')).toContain('白雲區');
    expect(problemText(samples[2], 'en')).toContain('Baiyun District');
    expect(problemText(samples[0], 'zh-Hans')).toBe('改造工作已启动，改造分类不能再从“淘汰关停”改为“功能转换”。');
    expect(problemText(samples[3], 'zh-Hant')).toBe('用戶名「planner」已被占用，請換一個。');
  });

  it('renders every sample in English too', () => {
    for (const p of samples) expect(problemText(p, 'en'), p.code).toMatch(/^[A-Z"]/);
  });

  it('falls back to the English detail only for a code it does not know', () => {
    expect(problemText({ code: 'brand_new_code', params: {} }, 'zh-Hans', 'Something new.')).toBe('Something new.');
    expect(problemText({ code: 'login_wrong' }, 'zh-Hans', 'Wrong username or password.')).toBe('用户名或密码错误。');
  });

  it('words an import issue with its place, and keeps an old report’s English', () => {
    const issue = { row: 5, field: 'creditCode', code: 'credit_code_length', params: { value: '9144', length: 4 }, message: 'Row 5, credit code: "9144" has 4 characters…' };
    expect(issueText(issue, 'zh-Hans', { creditCode: '信用代码' })).toBe('第 5 行，统一社会信用代码（列“信用代码”）：“9144”有 4 位；统一社会信用代码应为 18 位。');
    expect(issueText({ ...issue, params: undefined }, 'zh-Hans')).toBe(issue.message);
    expect(fieldLabel('params.percent', 'zh-Hans')).toBe('降幅');
  });
});

describe('errorText of a server answer', () => {
  const answer = (status: number, body: Record<string, unknown>) =>
    new ApiError(status, String(body.error), (body.fields ?? {}) as Record<string, string>, body);

  it('words the problem, not the English detail', () => {
    const taken = answer(409, { code: 'username_taken', params: { username: 'planner' }, error: 'The username "planner" is taken.', fields: { username: 'is taken' }, fieldProblems: { username: { code: 'field_taken', params: {} } } });
    expect(errorText(taken, 'zh-Hans')).toBe('服务器拒绝了此修改：用户名“planner”已被占用，请换一个。');
    expect(errorText(taken, 'zh-Hant')).toBe('伺服器拒絕了此修改：用戶名「planner」已被占用，請換一個。');
    const invalid = answer(400, { code: 'request_invalid', params: { where: 'body' }, error: 'The request body is invalid.', fields: { reason: 'must not be blank' }, fieldProblems: { reason: { code: 'field_blank', params: {} } } });
    expect(errorText(invalid, 'zh-Hans')).toBe('请更正标出的字段。修改原因：不能为空。');
    expect(fieldTexts(invalid, 'zh-Hans')).toEqual({ reason: '不能为空。' });
    const wrong = answer(401, { code: 'login_wrong', params: {}, error: 'Wrong username or password.' });
    expect(errorText(wrong, 'zh-Hans')).toBe('用户名或密码错误。');
  });

  it('keeps the English detail for a code this build does not know, and for answers without one', () => {
    expect(errorText(answer(409, { code: 'from_the_future', params: {}, error: 'A new rule says no.' }), 'zh-Hans')).toBe('服务器拒绝了此修改：A new rule says no.');
    expect(errorText(answer(404, { error: 'Nothing here.' }), 'zh-Hans')).toBe('出错了：Nothing here.');
  });
});
