/**
 * The known photo changes the accuracy bench applies (see `lib/analysis/research`). A studio photo
 * is one instant; a call is many. To judge a person-relative rule honestly the bench needs a
 * calibration *window* and *other* neutral pictures than the ones calibrated on, so it makes them
 * from the neutral photo by small, realistic camera changes — disjoint sets for the two roles.
 */
import type { Transform } from './research';

/** The calibration window: the neutral photo as a still webcam would see it over ~10 s. */
export const CALIBRATION_VIEWS: readonly Transform[] = [
  {}, { rotate: 2 }, { rotate: -2 }, { scale: 0.95 }, { scale: 1.05 }, { dx: 0.02 }, { dy: -0.02 }, { brightness: 0.9 },
];

/** Held-out views, never used for calibration: the test pictures for neutral and smiling photos alike. */
export const TEST_VIEWS: readonly Transform[] = [
  { flip: true }, { rotate: 4, scale: 0.97 }, { brightness: 1.15, dx: -0.03 }, { rotate: -4, dy: 0.03 },
];

/** In-plane rotations with known truth for the head-roll check (degrees, clockwise in the image). */
export const ROLL_ANGLES: readonly number[] = [-30, -20, -10, -5, 0, 5, 10, 20, 30];
