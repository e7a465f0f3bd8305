import { describe, expect, it } from 'vitest';
import en from '../src/i18n/en';
import zhCN from '../src/i18n/zh-CN';
import { localeFor, makeI18n } from '../src/i18n';
import { kCategories, kChannels, kDifficulties, kServiceStages, kServiceTypes, kStatuses, kUrgencies } from '../src/domain';
import { kFieldLabels } from '../src/fields';

type Tree = { [key: string]: string | Tree };

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`));
}
function lookup(tree: Tree, path: string): string | Tree | undefined {
  return path.split('.').reduce<string | Tree | undefined>((node, part) =>
    (node && typeof node === 'object' ? node[part] : undefined), tree);
}

const enKeys = keys(en as unknown as Tree).sort();
const zhKeys = keys(zhCN as unknown as Tree).sort();

describe('i18n messages', () => {
  it('have the same keys in English and Chinese', () => {
    expect(zhKeys.filter((k) => !enKeys.includes(k))).toEqual([]);
    expect(enKeys.filter((k) => !zhKeys.includes(k))).toEqual([]);
    expect(enKeys.length).toBeGreaterThan(200);
  });

  it('have no empty message', () => {
    for (const [name, tree] of [['en', en], ['zh-CN', zhCN]] as const) {
      for (const key of keys(tree as unknown as Tree)) {
        expect(String(lookup(tree as unknown as Tree, key)).trim(), `${name}: ${key}`).not.toBe('');
      }
    }
  });

  it('use the same placeholders in both languages', () => {
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of enKeys) {
      const a = lookup(en as unknown as Tree, key) as string;
      const b = lookup(zhCN as unknown as Tree, key) as string;
      expect(placeholders(b), key).toEqual(placeholders(a));
    }
  });

  it('compile and render every message in both locales', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const i18n = makeI18n(locale);
      for (const key of enKeys) {
        const out = i18n.global.t(key, { n: 2, time: 'T', user: 'U', role: 'R', status: 'S', number: 'N',
          field: 'F', before: 'B', after: 'A', actor: 'X', note: 'O', kind: 'K', list: 'L', wait: 'W', source: 'Z', team: 'T', action: 'C',
          name: 'M', level: 'V', approved: 'P', pending: 'Q', lead: 'D', manager: 'G' });
        expect(out, `${locale}: ${key}`).not.toBe(key);
        expect(out, `${locale}: ${key}`).not.toMatch(/\{\w+\}/);
      }
    }
  });

  it('translate every status, channel, urgency and other enum value', () => {
    const needed = [
      ...kStatuses.map((s) => `status.${s}`),
      ...kChannels.map((c) => `channel.${c}`),
      ...kUrgencies.map((u) => `urgency.${u}`),
      ...kServiceTypes.map((s) => `serviceType.${s}`),
      ...kDifficulties.map((d) => `difficulty.${d}`),
      ...kServiceStages.map((s) => `serviceStage.${s}`),
      ...kCategories.map((c) => `category.${c.key}`),
      ...['customer', 'agent', 'team_lead', 'manager', 'department', 'analyst', 'admin'].map((r) => `role.${r}`),
      ...['inbound', 'outbound', 'internal'].map((d) => `direction.${d}`),
      ...Object.values(kFieldLabels).map((f) => `complaint.field.${f}`),
    ];
    for (const key of needed) {
      expect(enKeys, key).toContain(key);
      expect(zhKeys, key).toContain(key);
    }
  });

  it('show different text in the two languages', () => {
    const en18n = makeI18n('en');
    const zh18n = makeI18n('zh-CN');
    expect(en18n.global.t('status.in_progress')).toBe('In progress');
    expect(zh18n.global.t('status.in_progress')).toBe('处理中');
  });

  it('pick the locale from the browser language', () => {
    expect(localeFor('zh-CN')).toBe('zh-CN');
    expect(localeFor('zh-TW')).toBe('zh-CN');
    expect(localeFor('en-GB')).toBe('en');
    expect(localeFor('de')).toBe('en');
    expect(localeFor(undefined)).toBe('en');
  });
});
