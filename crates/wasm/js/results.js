// Result records as JS expects them: the core's snake_case field names become
// camelCase (`trader_grade` → `traderGrade`) at every depth. Only keys change;
// string values (`"strong_buy"`) are data and stay as they are.

/** snake_case → camelCase, by key: the records use a few dozen field names. */
const names = new Map();
const camel = (key) => {
  let name = names.get(key);
  if (name === undefined) {
    name = key.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
    names.set(key, name);
  }
  return name;
};

/** `value` with the keys of its plain objects in camelCase (arrays are updated in place). */
export function camelKeys(value) {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = camelKeys(value[i]);
    return value;
  }
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return value;
  const out = {};
  for (const key of Object.keys(value)) out[camel(key)] = camelKeys(value[key]);
  return out;
}
