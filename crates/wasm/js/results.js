// Result records as JS expects them: the core's snake_case field names become
// camelCase (`trader_grade` → `traderGrade`), in place, at every depth. Only
// keys change; string values (`"strong_buy"`) are data and stay as they are.

const camel = (key) => key.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());

/** Renames the keys of `value`'s plain objects to camelCase; returns `value`. */
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
