/**
 * One constant per unit, so a number in the model reads as what it means (`365 * SECONDS_PER_DAY`, `10 * MIB`)
 * and a year is written once for the whole repository.
 */
export const SECONDS_PER_MINUTE = 60;
export const SECONDS_PER_HOUR = 60 * SECONDS_PER_MINUTE;
export const SECONDS_PER_DAY = 24 * SECONDS_PER_HOUR;
export const SECONDS_PER_WEEK = 7 * SECONDS_PER_DAY;
/** 365 days: the year of Cache-Control `max-age=31536000` and of the HSTS preload list's minimum. */
export const SECONDS_PER_YEAR = 365 * SECONDS_PER_DAY;
export const MS_PER_SECOND = 1000;

export const KIB = 1024;
export const MIB = 1024 * KIB;
export const GIB = 1024 * MIB;
