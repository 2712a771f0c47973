// Bubbles for the view, aggregated on the fixed cell grid of src/domain/bubble-cells.ts (docs/
// architecture.md §4). Instead of building a whole cluster hierarchy (every zoom from 16 to 0) over
// the matches after every filter change, the worker keeps one spatial order of all enterprises,
// built once per payload, and sums only the cells the view asks for:
//
// - Build (once per payload, O(n)): every enterprise's fine Mercator position, and a counting sort
//   of the rows by "bucket", a cell of one fixed level B chosen so that there are about n/4 buckets
//   over the data's extent. The positions, industry and key flag are copied into that order, so the
//   sums below read memory in sequence.
// - A bucket's sums (matches, position sums, matches per industry, matches with a key tag) are
//   computed the first time a view needs them after the matches changed, and kept (stamped with
//   the match generation). A view at a level at or above B adds up its buckets' sums: after the
//   first frame, panning costs a pass over the buckets in view, not over the enterprises. A view
//   below B (zoomed in) splits the buckets in view by their points' finer cells.
// - When a filter narrows the previous one, buckets that had no match keep their zero sums.
// - The first view does not wait for the sort: the constructor only projects the positions (one
//   pass), and a view at or above the bucket level before the sort is summed by one scan over the
//   matches (the same cells, sums and order as the buckets give). The worker sorts right after
//   answering it (worker-handler.ts), so the first frame needs one pass, not the whole build.
//
// A point belongs to exactly one cell at every level, so the bubbles and points of a view add up to
// the matches in the cells it touches, and a cell's bubble (count, composition, position = mean of
// its matches) does not depend on the view. Hand-written: supercluster and maplibre's own
// clustering build the whole hierarchy up front; no library aggregates typed columns per view.
import { problem, ProblemError } from '../../domain/problems.ts';
import { CELL_LEVEL_OFFSET, FINE_LEVEL, MAX_BUBBLE_ZOOM, MIN_BUBBLE_POINTS, cellOfBubbleId, bubbleIdOf, fineXMicro, fineYMicro, latOfFineY, lonOfFineX, viewCells } from '../../domain/bubble-cells.ts';

export interface ClusterHit {
  kind: 'cluster';
  bubbleId: number;
  count: number;
  lon: number;
  lat: number;
  /** Matches per industry cluster (dictionary order). */
  composition: number[];
  /** Matches carrying at least one key tag. */
  keyCount: number;
}

export interface PointHit {
  kind: 'point';
  row: number;
}

/** Buckets per point, roughly: fewer buckets make coarse views cheaper, more make fine views cheaper. */
const POINTS_PER_BUCKET = 4;
/** The finest bucket level: the finest level bubbles are drawn at. */
const MAX_BUCKET_LEVEL = MAX_BUBBLE_ZOOM + CELL_LEVEL_OFFSET;

export class BubbleGrid {
  /** Bucket level and the data's extent in buckets (inclusive x0…x1, y0…y1). */
  readonly level: number;
  private readonly bx0: number;
  private readonly by0: number;
  private readonly bw: number;
  private readonly bh: number;
  /** Fine x and y per row (row order), until the sort moves them into bucket order. */
  private rowFx: Uint32Array | null;
  private rowFy: Uint32Array | null;
  // Set by sort(): the rows in bucket order (the points of bucket b are positions start[b] …
  // start[b + 1] - 1); per position fine x and y, industry, 1 when the enterprise has a key tag.
  private order = new Uint32Array(0);
  private start = new Uint32Array(1);
  private fx = new Uint32Array(0);
  private fy = new Uint32Array(0);
  private industry = new Uint8Array(0);
  private key = new Uint8Array(0);
  /** Per bucket: the generation its sums belong to, and the sums. */
  private stamp = new Uint32Array(0);
  private count = new Uint32Array(0);
  private sumX = new Float64Array(0);
  private sumY = new Float64Array(0);
  private comp = new Uint32Array(0);
  private keyN = new Uint32Array(0);
  /** Position of a match in the bucket (the only one when count is 1). */
  private last = new Int32Array(0);
  /** Points in the fullest bucket. */
  private maxBucket = 1;
  private generation = 1;

  /**
   * `mask[row]` is 1 for a match; the grid reads it when it sums a bucket, so call `invalidate`
   * whenever its contents change. `industry[row]` is in [0, k).
   */
  constructor(
    lon: Int32Array,
    lat: Int32Array,
    private readonly rowIndustry: Uint8Array,
    private readonly tags: Uint16Array,
    private readonly keyTagMask: number,
    private readonly k: number,
    private readonly mask: Uint8Array,
  ) {
    const n = lon.length;
    const fx = new Uint32Array(n), fy = new Uint32Array(n);
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    for (let i = 0; i < n; i++) {
      const x = (fx[i] = fineXMicro(lon[i]));
      const y = (fy[i] = fineYMicro(lat[i]));
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    if (!n) [minX, minY, maxX, maxY] = [0, 0, 0, 0];
    // The finest level whose buckets over the extent number at most n / POINTS_PER_BUCKET.
    const budget = Math.max(256, n / POINTS_PER_BUCKET);
    let level = 0;
    for (let l = MAX_BUCKET_LEVEL; l >= 0; l--) {
      const s = FINE_LEVEL - l;
      if (((maxX >> s) - (minX >> s) + 1) * ((maxY >> s) - (minY >> s) + 1) <= budget) {
        level = l;
        break;
      }
    }
    const shift = FINE_LEVEL - level;
    this.level = level;
    this.bx0 = minX >> shift;
    this.by0 = minY >> shift;
    this.bw = (maxX >> shift) - this.bx0 + 1;
    this.bh = (maxY >> shift) - this.by0 + 1;
    this.rowFx = fx;
    this.rowFy = fy;
  }

  /** Whether the rows are in bucket order yet. */
  get sorted(): boolean {
    return this.rowFx === null;
  }

  /** Puts the rows in bucket order (once; every view but a coarse first one needs it). */
  sort(): void {
    const fx = this.rowFx, fy = this.rowFy;
    if (!fx || !fy) return;
    const { rowIndustry: industry, tags, keyTagMask, k } = this;
    const n = fx.length;
    const shift = FINE_LEVEL - this.level;
    const buckets = this.bw * this.bh;
    // Counting sort by bucket.
    const bucketOf = new Uint32Array(n);
    const start = new Uint32Array(buckets + 1);
    for (let i = 0; i < n; i++) {
      const b = ((fy[i] >> shift) - this.by0) * this.bw + ((fx[i] >> shift) - this.bx0);
      bucketOf[i] = b;
      start[b + 1]++;
    }
    let maxBucket = 0;
    for (let b = 0; b < buckets; b++) {
      if (start[b + 1] > maxBucket) maxBucket = start[b + 1];
      start[b + 1] += start[b];
    }
    this.maxBucket = Math.max(1, maxBucket);
    // Rows and their attributes in bucket order, in one pass (sequential reads, scattered writes).
    const fill = start.slice(0, buckets);
    const order = new Uint32Array(n);
    const sfx = new Uint32Array(n), sfy = new Uint32Array(n), sind = new Uint8Array(n), skey = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const p = fill[bucketOf[i]]++;
      order[p] = i;
      sfx[p] = fx[i];
      sfy[p] = fy[i];
      sind[p] = industry[i];
      skey[p] = (tags[i] & keyTagMask) !== 0 ? 1 : 0;
    }
    this.order = order;
    this.start = start;
    this.fx = sfx;
    this.fy = sfy;
    this.industry = sind;
    this.key = skey;
    this.stamp = new Uint32Array(buckets);
    this.count = new Uint32Array(buckets);
    this.sumX = new Float64Array(buckets);
    this.sumY = new Float64Array(buckets);
    this.comp = new Uint32Array(buckets * k);
    this.keyN = new Uint32Array(buckets);
    this.last = new Int32Array(buckets);
    this.rowFx = this.rowFy = null;
  }

  /**
   * A view at or above the bucket level before the sort: one pass over the rows, summing the
   * matches per cell in view. Gives what coarse() gives after the sort: the same cells in the same
   * (row-major) order, the same sums (integer sums, exact in a double), and for a cell with one
   * match that match.
   */
  private scan(view: { level: number; x0: number; y0: number; x1: number; y1: number }, fx: Uint32Array, fy: Uint32Array): (ClusterHit | PointHit)[] {
    const { mask, rowIndustry: industry, tags, keyTagMask, k } = this;
    const shift = FINE_LEVEL - view.level;
    // The cells in view that hold data (as coarse() clips to the buckets).
    const d = this.level - view.level;
    const v = {
      level: view.level,
      x0: Math.max(view.x0, this.bx0 >> d), x1: Math.min(view.x1, (this.bx0 + this.bw - 1) >> d),
      y0: Math.max(view.y0, this.by0 >> d), y1: Math.min(view.y1, (this.by0 + this.bh - 1) >> d),
    };
    if (v.x0 > v.x1 || v.y0 > v.y1) return [];
    const cw = v.x1 - v.x0 + 1, ch = v.y1 - v.y0 + 1;
    const cells = cw * ch;
    const n = new Uint32Array(cells), sx = new Float64Array(cells), sy = new Float64Array(cells), kn = new Uint32Array(cells);
    const comp = new Uint32Array(cells * k);
    const last = new Int32Array(cells);
    for (let i = 0; i < fx.length; i++) {
      if (!mask[i]) continue;
      const cx = (fx[i] >> shift) - v.x0, cy = (fy[i] >> shift) - v.y0;
      if (cx < 0 || cy < 0 || cx >= cw || cy >= ch) continue;
      const c = cy * cw + cx;
      n[c]++;
      sx[c] += fx[i];
      sy[c] += fy[i];
      if ((tags[i] & keyTagMask) !== 0) kn[c]++;
      comp[c * k + industry[i]]++;
      last[c] = i;
    }
    const out: (ClusterHit | PointHit)[] = [];
    for (let c = 0; c < cells; c++) {
      if (n[c] === 0) continue;
      if (n[c] < MIN_BUBBLE_POINTS) out.push({ kind: 'point', row: last[c] });
      else out.push(hit(v.level, v.x0 + (c % cw), v.y0 + Math.floor(c / cw), n[c], sx[c], sy[c], Array.from(comp.subarray(c * k, c * k + k)), kn[c]));
    }
    return out;
  }

  /**
   * The matches changed. `narrowed`: every new match was a match before (a filter that narrows the
   * previous one), so a bucket known to have no match still has none and keeps its sums.
   */
  invalidate(narrowed = false): void {
    const next = this.generation + 1;
    if (narrowed) for (let b = 0; b < this.stamp.length; b++) if (this.stamp[b] === this.generation && this.count[b] === 0) this.stamp[b] = next;
    this.generation = next;
  }

  /** Makes bucket b's sums current. */
  private sum(b: number): void {
    if (this.stamp[b] === this.generation) return;
    const { order, mask, fx, fy, industry, key, k } = this;
    let n = 0, sx = 0, sy = 0, kn = 0, last = -1;
    const base = b * k;
    this.comp.fill(0, base, base + k);
    for (let p = this.start[b], end = this.start[b + 1]; p < end; p++) {
      if (!mask[order[p]]) continue;
      n++;
      sx += fx[p];
      sy += fy[p];
      kn += key[p];
      this.comp[base + industry[p]]++;
      last = p;
    }
    this.count[b] = n;
    this.sumX[b] = sx;
    this.sumY[b] = sy;
    this.keyN[b] = kn;
    this.last[b] = last;
    this.stamp[b] = this.generation;
  }

  /** Bubbles and single matches of the cells a bbox [west, south, east, north] touches at a zoom (see bubble-cells.ts). */
  clusters(bbox: readonly [number, number, number, number], zoom: number): (ClusterHit | PointHit)[] {
    const z = Math.max(0, Math.min(MAX_BUBBLE_ZOOM + 1, Math.floor(zoom)));
    const level = z + CELL_LEVEL_OFFSET;
    const v = viewCells(bbox, level);
    if (this.rowFx && this.rowFy && z <= MAX_BUBBLE_ZOOM && level <= this.level) return this.scan(v, this.rowFx, this.rowFy);
    this.sort();
    if (z > MAX_BUBBLE_ZOOM) return this.points(v);
    return level <= this.level ? this.coarse(v) : this.fine(v);
  }

  /** Buckets of a range of cells at `level` (which may be coarser or finer than the buckets), clipped to the data. */
  private bucketRange(v: { level: number; x0: number; y0: number; x1: number; y1: number }) {
    const d = this.level - v.level;
    const lo = (c: number) => (d >= 0 ? c * 2 ** d : Math.floor(c / 2 ** -d));
    const hi = (c: number) => (d >= 0 ? (c + 1) * 2 ** d - 1 : Math.floor(c / 2 ** -d));
    return {
      x0: Math.max(this.bx0, lo(v.x0)),
      x1: Math.min(this.bx0 + this.bw - 1, hi(v.x1)),
      y0: Math.max(this.by0, lo(v.y0)),
      y1: Math.min(this.by0 + this.bh - 1, hi(v.y1)),
    };
  }

  /** Cells at or above the bucket level: each is a block of whole buckets. */
  private coarse(v: { level: number; x0: number; y0: number; x1: number; y1: number }): (ClusterHit | PointHit)[] {
    const r = this.bucketRange(v);
    if (r.x0 > r.x1 || r.y0 > r.y1) return [];
    const s = this.level - v.level;
    const cx0 = r.x0 >> s, cy0 = r.y0 >> s;
    const cw = (r.x1 >> s) - cx0 + 1, ch = (r.y1 >> s) - cy0 + 1;
    const k = this.k;
    const cells = cw * ch;
    const n = new Uint32Array(cells), sx = new Float64Array(cells), sy = new Float64Array(cells), kn = new Uint32Array(cells);
    const comp = new Uint32Array(cells * k);
    const last = new Int32Array(cells);
    for (let by = r.y0; by <= r.y1; by++) {
      const row = (by - this.by0) * this.bw - this.bx0;
      const cyBase = ((by >> s) - cy0) * cw;
      for (let bx = r.x0; bx <= r.x1; bx++) {
        const b = row + bx;
        if (this.start[b] === this.start[b + 1]) continue;
        this.sum(b);
        const m = this.count[b];
        if (!m) continue;
        const c = cyBase + (bx >> s) - cx0;
        n[c] += m;
        sx[c] += this.sumX[b];
        sy[c] += this.sumY[b];
        kn[c] += this.keyN[b];
        last[c] = this.last[b];
        for (let j = 0, from = b * k, to = c * k; j < k; j++) comp[to + j] += this.comp[from + j];
      }
    }
    const out: (ClusterHit | PointHit)[] = [];
    for (let cy = 0; cy < ch; cy++)
      for (let cx = 0; cx < cw; cx++) {
        const c = cy * cw + cx;
        if (n[c] === 0) continue;
        if (n[c] < MIN_BUBBLE_POINTS) out.push({ kind: 'point', row: this.order[last[c]] });
        else out.push(hit(v.level, cx0 + cx, cy0 + cy, n[c], sx[c], sy[c], Array.from(comp.subarray(c * k, c * k + k)), kn[c]));
      }
    return out;
  }

  /** Cells finer than the buckets: the points of each bucket in view, split by their cell. */
  private fine(v: { level: number; x0: number; y0: number; x1: number; y1: number }): (ClusterHit | PointHit)[] {
    const r = this.bucketRange(v);
    const out: (ClusterHit | PointHit)[] = [];
    if (r.x0 > r.x1 || r.y0 > r.y1) return out;
    const shift = FINE_LEVEL - v.level;
    const side = 2 ** (v.level - this.level);
    const k = this.k;
    // Sums per cell of one bucket, in slots (a bucket has at most maxBucket points, so as many cells).
    // Cell → slot: a table for up to 64 × 64 cells per bucket, a Map beyond (few points spread wide).
    const cap = this.maxBucket;
    const n = new Uint32Array(cap), sx = new Float64Array(cap), sy = new Float64Array(cap), kn = new Uint32Array(cap);
    const comp = new Uint32Array(cap * k);
    const last = new Int32Array(cap), cellOfSlot = new Int32Array(cap);
    const dense = side <= 64 ? new Int32Array(side * side).fill(-1) : null;
    const sparse = dense ? null : new Map<number, number>();
    const { order, mask, fx, fy, industry, key } = this;
    for (let by = r.y0; by <= r.y1; by++)
      for (let bx = r.x0; bx <= r.x1; bx++) {
        const b = (by - this.by0) * this.bw + (bx - this.bx0);
        const end = this.start[b + 1];
        if (this.start[b] === end) continue;
        if (this.stamp[b] === this.generation && this.count[b] === 0) continue;
        const ox = bx * side, oy = by * side;
        let used = 0;
        for (let p = this.start[b]; p < end; p++) {
          if (!mask[order[p]]) continue;
          const cx = fx[p] >> shift, cy = fy[p] >> shift;
          if (cx < v.x0 || cx > v.x1 || cy < v.y0 || cy > v.y1) continue;
          const c = (cy - oy) * side + (cx - ox);
          let slot = dense ? dense[c] : (sparse!.get(c) ?? -1);
          if (slot < 0) {
            slot = used++;
            if (dense) dense[c] = slot;
            else sparse!.set(c, slot);
            cellOfSlot[slot] = c;
            n[slot] = kn[slot] = 0;
            sx[slot] = sy[slot] = 0;
            comp.fill(0, slot * k, slot * k + k);
          }
          n[slot]++;
          sx[slot] += fx[p];
          sy[slot] += fy[p];
          kn[slot] += key[p];
          comp[slot * k + industry[p]]++;
          last[slot] = p;
        }
        // Row-major within the bucket, so the answer's order depends only on the cells.
        const slots = Array.from({ length: used }, (_, i) => i).sort((a, b2) => cellOfSlot[a] - cellOfSlot[b2]);
        for (const slot of slots) {
          const c = cellOfSlot[slot];
          if (n[slot] < MIN_BUBBLE_POINTS) out.push({ kind: 'point', row: order[last[slot]] });
          else out.push(hit(v.level, ox + (c % side), oy + Math.floor(c / side), n[slot], sx[slot], sy[slot], Array.from(comp.subarray(slot * k, slot * k + k)), kn[slot]));
          if (dense) dense[c] = -1;
        }
        sparse?.clear();
      }
    return out;
  }

  /** Above the last clustered zoom: every match in the cells in view, alone. */
  private points(v: { level: number; x0: number; y0: number; x1: number; y1: number }): PointHit[] {
    const out: PointHit[] = [];
    this.eachMatch(v, (p) => void out.push({ kind: 'point', row: this.order[p] }));
    return out;
  }

  /** Calls back with the position of every match inside a range of cells (bucket order). */
  private eachMatch(v: { level: number; x0: number; y0: number; x1: number; y1: number }, visit: (p: number) => boolean | void): void {
    this.sort();
    const r = this.bucketRange(v);
    const shift = FINE_LEVEL - v.level;
    const { order, mask, fx, fy } = this;
    for (let by = r.y0; by <= r.y1; by++)
      for (let bx = r.x0; bx <= r.x1; bx++) {
        const b = (by - this.by0) * this.bw + (bx - this.bx0);
        for (let p = this.start[b], end = this.start[b + 1]; p < end; p++) {
          if (!mask[order[p]]) continue;
          const cx = fx[p] >> shift, cy = fy[p] >> shift;
          if (cx < v.x0 || cx > v.x1 || cy < v.y0 || cy > v.y1) continue;
          if (visit(p) === false) return;
        }
      }
  }

  private cellOf(bubbleId: number) {
    const cell = cellOfBubbleId(bubbleId);
    // The app words the problem in the user's language: the cluster left the map (filter or area changed).
    if (!cell) throw new ProblemError(problem('worker_cluster_gone'), 'No cluster with the specified id.');
    return { level: cell.level, x0: cell.x, x1: cell.x, y0: cell.y, y1: cell.y };
  }

  /**
   * The zoom at which a cluster's matches first fall into two cells (bubbles or points), at most
   * MAX_BUBBLE_ZOOM + 1, where every match is drawn alone. Throws when the cell holds fewer than
   * two matches now (the filter or area changed since it was drawn).
   */
  expansionZoom(bubbleId: number): number {
    const cell = this.cellOf(bubbleId);
    let n = 0, minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    this.eachMatch(cell, (p) => {
      n++;
      const x = this.fx[p], y = this.fy[p];
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    });
    if (n < MIN_BUBBLE_POINTS) throw new ProblemError(problem('worker_cluster_gone'), 'No cluster with the specified id.');
    for (let level = cell.level + 1; level <= MAX_BUBBLE_ZOOM + CELL_LEVEL_OFFSET; level++) {
      const s = FINE_LEVEL - level;
      if (minX >> s !== maxX >> s || minY >> s !== maxY >> s) return level - CELL_LEVEL_OFFSET;
    }
    return MAX_BUBBLE_ZOOM + 1;
  }

  /** Rows of a cluster's matches (bucket order), `limit` of them after skipping `offset`. */
  leaves(bubbleId: number, limit: number, offset = 0): number[] {
    const cell = this.cellOf(bubbleId);
    const rows: number[] = [];
    let seen = 0;
    if (limit > 0)
      this.eachMatch(cell, (p) => {
        if (seen++ < offset) return;
        rows.push(this.order[p]);
        return rows.length < limit;
      });
    if (!rows.length && offset === 0 && limit > 0) throw new ProblemError(problem('worker_cluster_gone'), 'No cluster with the specified id.');
    return rows;
  }
}

function hit(level: number, x: number, y: number, n: number, sx: number, sy: number, composition: number[], keyCount: number): ClusterHit {
  // Position: the mean of the matches in Mercator, which lies inside the cell.
  return { kind: 'cluster', bubbleId: bubbleIdOf(level, x, y), count: n, lon: lonOfFineX(sx / n + 0.5), lat: latOfFineY(sy / n + 0.5), composition, keyCount };
}
