/** Invalid configuration: stops start-up. The message names the variable, never its value (some are secrets). */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
