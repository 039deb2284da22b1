/** A configuration variable that is missing, malformed or inconsistent; its message names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
