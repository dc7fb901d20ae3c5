/**
 * Settings arrive from untrusted places (clientStorage written by an older version, VS Code's
 * configuration, a webview's saved state, a message). A schema says once, per field, what is
 * allowed and what the default is; {@link readSettings} applies it, so the allowed values of a
 * setting are defined in one place and a test can hold other spellings (package.json) to them.
 * No imports that run, so Figma's main thread can use it.
 */

/** One field: its default, and how a raw value becomes an allowed one (`undefined`: not allowed). */
export interface SettingRule<T> {
  readonly fallback: T;
  readonly parse: (value: unknown) => T | undefined;
  /** For numbers: the range, inclusive. */
  readonly min?: number;
  readonly max?: number;
  /** For a choice: the allowed values. */
  readonly options?: readonly string[];
}

/** A rule for each field of `T`. */
export type SettingsSchema<T> = { readonly [K in keyof T]: SettingRule<T[K]> };

const finiteIn = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;

/** A number in `[min, max]`. */
export function numberSetting(min: number, max: number, fallback: number): SettingRule<number> {
  return { fallback, min, max, parse: (value) => (finiteIn(value, min, max) ? value : undefined) };
}

/** A whole number in `[min, max]`, and `allowed` besides (e.g. `0` for "its own size"). */
export function integerSetting(min: number, max: number, fallback: number, allowed?: (value: number) => boolean): SettingRule<number> {
  return {
    fallback,
    min,
    max,
    parse: (value) => (finiteIn(value, min, max) && Number.isInteger(value) && (allowed?.(value) ?? true) ? value : undefined),
  };
}

/** `true` or `false`. */
export function booleanSetting(fallback: boolean): SettingRule<boolean> {
  return { fallback, parse: (value) => (typeof value === 'boolean' ? value : undefined) };
}

/** Text that is not empty. */
export function textSetting(fallback: string): SettingRule<string> {
  return { fallback, parse: (value) => (typeof value === 'string' && value.length > 0 ? value : undefined) };
}

/** One of `options`. */
export function choiceSetting<T extends string>(options: readonly T[], fallback: T): SettingRule<T> {
  return { fallback, options, parse: (value) => options.find((option) => option === value) };
}

/** A list of distinct items that each pass `item`, at most `most` of them (the rest dropped). */
export function listSetting<T>(item: SettingRule<T>, most: number, fallback: readonly T[] = []): SettingRule<readonly T[]> {
  return {
    fallback,
    max: most,
    parse: (value) => {
      if (!Array.isArray(value)) return undefined;
      const items = value.map(item.parse).filter((x): x is T => x !== undefined);
      return [...new Set(items)].slice(0, most);
    },
  };
}

/** Each field's default. */
export function settingDefaults<T>(schema: SettingsSchema<T>): T {
  return readSettings(schema, () => undefined);
}

/** The settings `get` gives, field by field; a field that is missing or not allowed takes its default. */
export function readSettings<T>(schema: SettingsSchema<T>, get: (key: keyof T & string) => unknown): T {
  const entries = Object.entries<SettingRule<unknown>>(schema).map(([key, rule]) => [
    key,
    rule.parse(get(key as keyof T & string)) ?? rule.fallback,
  ]);
  return Object.fromEntries(entries) as T;
}

/** The fields of an object from an untrusted source (none for anything else), for {@link readSettings}. */
export function fieldsOf(value: unknown): (key: string) => unknown {
  return (key) => (typeof value === 'object' && value !== null ? (value as Readonly<Record<string, unknown>>)[key] : undefined);
}
