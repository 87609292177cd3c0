/** Time is a parameter: runtime and emulator get a Clock, core and planner get `nowMs`. */
export interface Clock {
  nowMs(): number;
}
