/** STS timestamps: ISO 8601 in whole seconds, `2019-11-09T13:34:41Z`. */
export const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
