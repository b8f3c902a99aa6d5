// moment-business-time ships no types: importing it patches moment's prototype with these methods.
import 'moment';

declare module 'moment' {
  interface Moment {
    /** Working time between this moment and `other` (this minus other), in `unit` (default milliseconds). */
    workingDiff(other: Moment | number, unit?: string, precise?: boolean): number;
    /** Adds working time in place and returns this moment. */
    addWorkingTime(amount: number, unit: string): Moment;
    isWorkingTime(): boolean;
  }
}
