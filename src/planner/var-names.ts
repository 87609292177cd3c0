// Column names of the planning model. Indices, never ids: a group id or a mode number may hold characters or
// signs the LP format does not allow in a name. Power columns are in kW to keep coefficients near 1..10.

/** Units of group g running in its k-th mode in slot t (integer). */
export const unitsInMode = (g: number, k: number, t: number): string => `x_g${g}_k${k}_t${t}`;
/** Units of group g running in slot t, any mode (integer). */
export const running = (g: number, t: number): string => `u_g${g}_t${t}`;
/** Units of group g woken at the start of slot t (integer). */
export const starts = (g: number, t: number): string => `s_g${g}_t${t}`;
/** Units of group g put to sleep at the start of slot t (integer). */
export const stops = (g: number, t: number): string => `d_g${g}_t${t}`;
/** Site power in slot t, kW. */
export const sitePowerKw = (t: number): string => `site_t${t}`;
/** Grid import beyond the surplus in slot t, kW. */
export const gridImportKw = (t: number): string => `grid_t${t}`;
/** Elastic slack of a row (diagnosis only). */
export const slackOf = (rowName: string): string => `z_${rowName}`;
