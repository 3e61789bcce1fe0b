import { describe, expect, it } from 'vitest';
import { CLUSTER_MAX_ZOOM, MarkerClusterer } from '@/lib/map/cluster-markers';

const SLOVENIA: [number, number, number, number] = [13.3, 45.4, 16.7, 46.9];

// 2,000 markers on a grid over central Slovenia; every 100th is a red (rank 1) incident.
function grid(n: number) {
  return Array.from({ length: n }, (_, k) => ({
    id: `m${k}`,
    lat: 45.8 + (Math.floor(k / 50) % 40) * 0.01,
    lon: 14.3 + (k % 50) * 0.01,
    color: k % 100 === 7 ? 'red' : 'green',
    rank: k % 100 === 7 ? 1 : 3,
  }));
}

describe('marker clustering', () => {
  it('draws a small layer marker by marker at every zoom', () => {
    const markers = grid(120);
    const c = new MarkerClusterer(markers);
    expect(c.clustering).toBe(false);
    const v = c.view(SLOVENIA, 7);
    expect(v.clusters).toHaveLength(0);
    expect(v.singles).toHaveLength(120);
  });

  it('groups thousands of markers into a few clusters that count every marker once', () => {
    const markers = grid(2000);
    const c = new MarkerClusterer(markers);
    expect(c.clustering).toBe(true);
    const v = c.view(SLOVENIA, 8);
    expect(v.clusters.length + v.singles.length).toBeLessThan(50);
    const counted = v.clusters.reduce((sum, x) => sum + x.count, 0) + v.singles.length;
    expect(counted).toBe(2000);
  });

  it('gives a cluster the colour of its most urgent member', () => {
    const c = new MarkerClusterer(grid(2000));
    const v = c.view(SLOVENIA, 8);
    const withRed = v.clusters.filter((x) => x.color === 'red');
    expect(withRed.length).toBeGreaterThan(0);
    for (const x of withRed) expect(x.rank).toBe(1);
    // Every red marker lies in some red cluster (or is shown alone).
    const total = v.clusters.filter((x) => x.rank === 1).reduce((s, x) => s + x.count, 0);
    expect(total).toBeGreaterThanOrEqual(20);
  });

  it('never hides a selected marker inside a cluster', () => {
    const markers = grid(2000).map((m) => (m.id === 'm1234' ? { ...m, selected: true } : m));
    const v = new MarkerClusterer(markers).view(SLOVENIA, 6);
    expect(v.singles.map((m) => m.id)).toContain('m1234');
    expect(v.clusters.reduce((s, x) => s + x.count, 0) + v.singles.length).toBe(2000);
  });

  it('splits a cluster when the map zooms to its expansion zoom, and shows singles at street level', () => {
    const markers = grid(2000);
    const c = new MarkerClusterer(markers);
    const [first] = c.view(SLOVENIA, 8).clusters;
    expect(first).toBeDefined();
    if (!first) return;
    const z = c.expansionZoom(first.clusterId);
    expect(z).toBeGreaterThan(8);
    expect(z).toBeLessThanOrEqual(CLUSTER_MAX_ZOOM + 1);
    const near: [number, number, number, number] = [
      first.lon - 0.02,
      first.lat - 0.02,
      first.lon + 0.02,
      first.lat + 0.02,
    ];
    const street = c.view(near, CLUSTER_MAX_ZOOM + 1);
    expect(street.clusters).toHaveLength(0);
    expect(street.singles.length).toBeGreaterThan(0);
  });

  it('returns only what lies in the box', () => {
    const c = new MarkerClusterer(grid(2000));
    const far = c.view([16.0, 46.5, 16.6, 46.8], 10);
    expect(far.clusters).toHaveLength(0);
    expect(far.singles).toHaveLength(0);
  });
});
