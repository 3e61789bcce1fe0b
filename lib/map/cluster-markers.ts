import Supercluster from 'supercluster';

/** What the clusterer needs of a map marker; `rank` orders urgency (lower = more urgent). */
export interface ClusterInput {
  id: string;
  lat: number;
  lon: number;
  color: string;
  rank?: number;
  /** Selected markers are never hidden inside a cluster. */
  selected?: boolean;
}

export interface MarkerCluster {
  clusterId: number;
  lat: number;
  lon: number;
  count: number;
  /** Colour and rank of the most urgent member, so a red incident still shows red from afar. */
  color: string;
  rank: number;
}

export type ClusterView<M extends ClusterInput> = { clusters: MarkerCluster[]; singles: M[] };

interface Agg {
  rank: number;
  color: string;
}

/** Up to this zoom markers are grouped; from the next zoom on (streets) every marker is drawn. */
export const CLUSTER_MAX_ZOOM = 14;
/** A layer with at most this many markers is drawn marker by marker at every zoom. */
export const CLUSTER_ABOVE = 300;

/**
 * Groups a layer's markers for one view (bounding box + zoom) with supercluster. Built once per
 * marker set (a KD-tree; about 10 ms for 10,000 points), queried on every pan and zoom.
 */
export class MarkerClusterer<M extends ClusterInput> {
  private readonly index: Supercluster<{ i: number } & Agg, Agg> | null;
  private readonly pinned: M[];

  constructor(
    private readonly markers: readonly M[],
    threshold = CLUSTER_ABOVE,
  ) {
    this.pinned = markers.filter((m) => m.selected);
    const free = markers.filter((m) => !m.selected);
    if (free.length <= threshold) {
      this.index = null;
      return;
    }
    this.index = new Supercluster<{ i: number } & Agg, Agg>({
      radius: 80,
      maxZoom: CLUSTER_MAX_ZOOM,
      map: (p) => ({ rank: p.rank, color: p.color }),
      reduce: (acc, p) => {
        if (p.rank < acc.rank) {
          acc.rank = p.rank;
          acc.color = p.color;
        }
      },
    });
    this.index.load(
      markers.flatMap((m, i) =>
        m.selected
          ? []
          : [
              {
                type: 'Feature' as const,
                geometry: { type: 'Point' as const, coordinates: [m.lon, m.lat] },
                properties: { i, rank: m.rank ?? 99, color: m.color },
              },
            ],
      ),
    );
  }

  get clustering(): boolean {
    return this.index !== null;
  }

  /** Clusters and single markers inside `bbox` ([west, south, east, north]) at `zoom`. */
  view(bbox: [number, number, number, number], zoom: number): ClusterView<M> {
    if (!this.index) return { clusters: [], singles: [...this.markers] };
    const clusters: MarkerCluster[] = [];
    const singles: M[] = [...this.pinned];
    for (const f of this.index.getClusters(bbox, Math.round(zoom))) {
      const [lon, lat] = f.geometry.coordinates as [number, number];
      const p = f.properties;
      if ('cluster' in p && p.cluster) {
        clusters.push({
          clusterId: p.cluster_id,
          lat,
          lon,
          count: p.point_count,
          color: p.color,
          rank: p.rank,
        });
      } else {
        const m = this.markers[(p as { i: number }).i];
        if (m) singles.push(m);
      }
    }
    return { clusters, singles };
  }

  /** The zoom at which a cluster falls apart (where a click on it should take the map). */
  expansionZoom(clusterId: number): number {
    return this.index ? Math.min(this.index.getClusterExpansionZoom(clusterId), CLUSTER_MAX_ZOOM + 1) : 0;
  }
}
