// Corners typed as "longitude, latitude" become an area (src/app/state/area-file.ts polygonFromTyped):
// closed when the first corner is not repeated, checked as uploaded outlines are, bad lines named.
import { describe, expect, it } from 'vitest';
import { polygonFromTyped } from '../../src/app/state/area-file.ts';
import { ProblemError } from '../../src/domain/problems.ts';

const problemOf = (text: string) => {
  try {
    polygonFromTyped(text);
  } catch (err) {
    return (err as ProblemError).problem;
  }
  return null;
};

describe('typed area', () => {
  it('closes the ring, accepts commas, full-width commas, spaces and blank lines', () => {
    const p = polygonFromTyped('113.32, 23.12\n\n113.36，23.12\n113.36 23.15\n');
    expect(p.coordinates[0]).toHaveLength(4);
    expect(p.coordinates[0][0]).toEqual(p.coordinates[0][3]);
    expect(polygonFromTyped('113.32,23.12\n113.36,23.12\n113.36,23.15\n113.32,23.12').coordinates[0]).toHaveLength(4);
  });

  it('names the line that is not a coordinate pair, and refuses too few corners, crossings and out-of-range positions', () => {
    expect(problemOf('113.32, 23.12\n东经113度\n113.36, 23.15')).toEqual({ code: 'area_typed_line', params: { line: 2, value: '东经113度' } });
    expect(problemOf('113.32, 23.12\n113.36, 23.12')?.code).toBe('invalid_polygon');
    expect(problemOf('113.3, 23.1\n113.4, 23.2\n113.4, 23.1\n113.3, 23.2')?.code).toBe('self_intersection');
    expect(problemOf('23.12, 113.32\n23.12, 113.36\n23.15, 113.36')?.code).toBe('coordinates_out_of_range');
  });
});
