import { describe, expect, it } from 'vitest';
import { boundingBox, cellWithin, cellsCovering, countryName, countryOptions, distanceKm, geoCell, roundedKm } from './geo.ts';

const LYON = { lat: 45.74846, lon: 4.84671 };
const cellSouth = (cell: number) => Math.floor(cell / 3600) / 10 - 90;
const cellWest = (cell: number) => (cell % 3600) / 10 - 180;

describe('distances', () => {
  it('measures great-circle distances', () => {
    // Lyon to Paris is about 392 km; a degree of latitude about 111.2 km
    expect(distanceKm(LYON, { lat: 48.85341, lon: 2.3488 })).toBeCloseTo(392, -1);
    expect(distanceKm({ lat: 0, lon: 0 }, { lat: 1, lon: 0 })).toBeCloseTo(111.19, 1);
    expect(distanceKm(LYON, LYON)).toBe(0);
    // across the 180th meridian the short way round
    expect(distanceKm({ lat: 0, lon: 179.5 }, { lat: 0, lon: -179.5 })).toBeCloseTo(111.19, 1);
  });

  it('rounds as cards show it', () => {
    expect(roundedKm(3.14159)).toBe(3.1);
    expect(roundedKm(37.8)).toBe(38);
  });

  it('bounds every point of the circle in its box', () => {
    for (const center of [LYON, { lat: -33.9, lon: 151.2 }, { lat: 64.1, lon: -21.9 }]) {
      for (const km of [1, 50, 250, 1000]) {
        const box = boundingBox(center, km);
        for (let bearing = 0; bearing < 360; bearing += 15) {
          // a point km away at this bearing (spherical destination formula)
          const d = km / 6371.0088;
          const b = (bearing * Math.PI) / 180;
          const lat1 = (center.lat * Math.PI) / 180;
          const lon1 = (center.lon * Math.PI) / 180;
          const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(b));
          const lon2 = lon1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
          const point = { lat: (lat2 * 180) / Math.PI, lon: (lon2 * 180) / Math.PI };
          expect(point.lat).toBeGreaterThanOrEqual(box.minLat - 1e-9);
          expect(point.lat).toBeLessThanOrEqual(box.maxLat + 1e-9);
          expect(point.lon).toBeGreaterThanOrEqual(box.minLon - 1e-9);
          expect(point.lon).toBeLessThanOrEqual(box.maxLon + 1e-9);
        }
      }
    }
  });

  it('spans every longitude near a pole or across the 180th meridian', () => {
    expect(boundingBox({ lat: 89.5, lon: 10 }, 100)).toMatchObject({ minLon: -180, maxLon: 180 });
    expect(boundingBox({ lat: 0, lon: 179.9 }, 50)).toMatchObject({ minLon: -180, maxLon: 180 });
  });
});

describe('the grid of cells', () => {
  it('lists the cells of every point of a box, and of a circle only those that reach into it', () => {
    const box = boundingBox(LYON, 50);
    const all = new Set(cellsCovering(box));
    const circle = new Set(cellsCovering(box, { center: LYON, km: 50 }));
    for (let i = 0; i <= 20; i++) {
      for (let j = 0; j <= 20; j++) {
        const point = { lat: box.minLat + ((box.maxLat - box.minLat) * i) / 20, lon: box.minLon + ((box.maxLon - box.minLon) * j) / 20 };
        expect(all.has(geoCell(point))).toBe(true);
        if (distanceKm(LYON, point) <= 50) expect(circle.has(geoCell(point))).toBe(true);
      }
    }
    // a box of about 0.9° by 1.3° spans 10 rows and 14 columns of tenth-of-a-degree cells; the circle leaves corners out
    expect(all.size).toBe(140);
    expect(circle.size).toBeLessThan(all.size);
    // the last column ends at 180°; a box too wide for the grid gets no cells
    expect(cellsCovering({ minLat: 0, maxLat: 0.05, minLon: 179.95, maxLon: 180 })).toEqual([geoCell({ lat: 0, lon: 179.95 })]);
    expect(cellsCovering(boundingBox(LYON, 1000))).toEqual([]);
    // the vehicles' grid of whole degrees: Lyon is in the square from 45° N, 4° E, as SQLite's cast computes it
    expect(geoCell(LYON, 1)).toBe((45 + 90) * 360 + (4 + 180));
    expect(cellsCovering(boundingBox(LYON, 50), { center: LYON, km: 50 }, 1)).toEqual([135 * 360 + 184, 135 * 360 + 185, 136 * 360 + 184, 136 * 360 + 185]);
  });

  it('tells the cells wholly inside a circle from those its edge crosses', () => {
    const circle = { center: LYON, km: 30 };
    const cells = cellsCovering(boundingBox(LYON, 30), circle);
    const inside = cells.filter((cell) => cellWithin(cell, circle));
    expect(inside).toContain(geoCell(LYON));
    expect(inside.length).toBeGreaterThan(10);
    expect(inside.length).toBeLessThan(cells.length);
    // every point of an inside cell is within the circle; an edge cell has one beyond it
    for (const cell of cells) {
      const points = [];
      for (let i = 0; i <= 10; i++) for (let j = 0; j <= 10; j++) points.push({ lat: cellSouth(cell) + i / 100, lon: cellWest(cell) + j / 100 });
      const farthest = Math.max(...points.map((p) => distanceKm(LYON, p)));
      expect(cellWithin(cell, circle)).toBe(farthest <= 30);
    }
  });
});

describe('countries', () => {
  it('names countries by their ISO code and refuses codes that are not countries', () => {
    expect(countryName('DE')).toBe('Germany');
    for (const code of ['EU', 'UN', 'ZZ', 'XX', 'de', 'DEU']) expect(countryName(code)).toBeUndefined();
    const options = countryOptions();
    expect(options.length).toBeGreaterThan(240);
    expect(options.find((c) => c.code === 'FR')?.name).toBe('France');
  });
});
