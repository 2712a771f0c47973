// "Export the selection": the user picks layers, fields and a format. Each layer's features come
// from POST /api/exports (the authoritative rows from PostGIS, under the export policy, and logged),
// for exactly the filter and area the map shows; the browser then writes GeoJSON, CSV, KML or a
// zipped Shapefile or an Excel workbook (XLSX) with the chosen fields and saves it under a dated
// file name. Files are readable in the user's language (headers, labels, codes beside them, revenue
// in 万元: domain/extract/extract-labels.ts) unless "codes only" is ticked; the field picker names
// fields from the same catalogue (the key stays in the tooltip). The dialog offers
// only the layers and fields the user's role may export (GET /api/exports/policy) and says the row
// and rate limits; a refusal (403, 413, 429) carries a problem code, worded in the user's language
// by errorText like every other server problem.
import { useEffect, useState } from 'react';
import { toCsvExtract } from '../../domain/extract/extract-csv.ts';
import { fieldName, type ExtractOptions } from '../../domain/extract/extract-labels.ts';
import { toXlsxExtract } from '../../domain/extract/extract-xlsx.ts';
import type { Lang } from '../../domain/taxonomy.ts';
import { toGeoJsonExtract } from '../../domain/extract/extract-geojson.ts';
import { toKmlExtract } from '../../domain/extract/extract-kml.ts';
import { extractFileName, type ExtractFeature, type ExtractFormat, type ExtractLayer, type ExtractMeta } from '../../domain/extract/extract-meta.ts';
import { toShapefileZip } from '../../domain/extract/extract-shapefile.ts';
import { postExport } from '../api/endpoints-exports.ts';
import { useExportPolicy } from '../queries/exports.ts';
import { formatNumber } from '../i18n/format.ts';
import { type MessageKey } from '../i18n/messages.ts';
import { useAreaStore } from '../state/area-store.ts';
import { useEnterpriseStore } from '../state/enterprise-store.ts';
import { useAppStore } from '../state/store.ts';
import { errorText } from '../i18n/error-text.ts';
import { useT } from '../i18n/use-t.ts';

const LAYERS: [ExtractLayer, MessageKey][] = [['enterprises', 'enterprises'], ['parks', 'villageParks'], ['value-parks', 'valueParks']];
const FORMATS: [ExtractFormat, string][] = [['xlsx', 'Excel (.xlsx)'], ['csv', 'CSV'], ['geojson', 'GeoJSON'], ['kml', 'KML'], ['shapefile', 'Shapefile (.zip)']];
const MIME: Record<ExtractFormat, string> = {
  geojson: 'application/geo+json', csv: 'text/csv;charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  kml: 'application/vnd.google-earth.kml+xml', shapefile: 'application/zip',
};

async function encode(format: ExtractFormat, features: ExtractFeature[], fields: string[], meta: ExtractMeta, options: ExtractOptions): Promise<BlobPart> {
  if (format === 'geojson') return toGeoJsonExtract(features, fields, meta, options);
  if (format === 'csv') return toCsvExtract(features, fields, meta, options);
  if (format === 'xlsx') return (await toXlsxExtract(features, fields, meta, options)) as Uint8Array<ArrayBuffer>;
  if (format === 'kml') return toKmlExtract(features, fields, meta, options);
  return toShapefileZip(features, fields, meta, options) as Uint8Array<ArrayBuffer>;
}

/** A field's name in the user's language (with its unit), as the readable files head their columns. */
const fieldText = (layer: ExtractLayer, field: string, lang: Lang) => fieldName(layer, field, lang);

function save(name: string, part: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([part], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

type Status = { kind: 'idle' } | { kind: 'working'; layer: ExtractLayer } | { kind: 'done'; lines: string[] } | { kind: 'error'; message: string; lines?: string[] };

export function ExportDialog() {
  const { t, tf, lang } = useT();
  const filter = useAppStore((s) => s.filter);
  const area = useAppStore((s) => s.area);
  const geometry = useAreaStore((s) => s.geometry);
  const areaStatus = useAreaStore((s) => s.status);
  const summary = useEnterpriseStore((s) => s.summary);
  const info = useEnterpriseStore((s) => s.info);
  const [layers, setLayers] = useState<Set<ExtractLayer>>(new Set(['enterprises']));
  const [chosen, setChosen] = useState<Partial<Record<ExtractLayer, Set<string>>>>({});
  const [format, setFormat] = useState<ExtractFormat>('xlsx');
  const [codesOnly, setCodesOnly] = useState(false);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  // The policy depends on the role: asked again after every log-in or log-out (the key holds the viewer),
  // and the fields chosen under the previous one are forgotten.
  const policyQuery = useExportPolicy();
  const policy = policyQuery.data;
  useEffect(() => setChosen({}), [policy]);
  const policyError = policyQuery.error;
  useEffect(() => {
    if (policyError) setStatus({ kind: 'error', message: errorText(policyError, useAppStore.getState().lang) });
  }, [policyError]);

  const fields = policy?.layers;
  const offered = LAYERS.filter(([l]) => fields?.[l]);
  const label = (layer: ExtractLayer) => t(LAYERS.find(([l]) => l === layer)![1]);
  const fieldsOf = (layer: ExtractLayer) => chosen[layer] ?? new Set(fields?.[layer] ?? []);
  // A layer chosen before a log-out may no longer be offered: only offered layers are exported.
  const toExport = offered.map(([l]) => l).filter((l) => layers.has(l));
  const noField = toExport.find((l) => fieldsOf(l).size === 0);
  const tooMany = policy?.maxRows != null && toExport.includes('enterprises') && summary && summary.matched > policy.maxRows;
  const toggleLayer = (layer: ExtractLayer) => setLayers((s) => {
    const next = new Set(s);
    if (!next.delete(layer)) next.add(layer);
    return next;
  });
  const toggleField = (layer: ExtractLayer, field: string) => setChosen((c) => {
    const next = new Set(fieldsOf(layer));
    if (!next.delete(field)) next.add(field);
    return { ...c, [layer]: next };
  });

  const run = async () => {
    if (!fields) return;
    const lines: string[] = [];
    const filters = Object.fromEntries(Object.entries(filter).filter(([k, v]) => v.length && (k !== 'revenueTiers' || info?.confidential)));
    try {
      for (const layer of toExport) {
        setStatus({ kind: 'working', layer });
        const order = fields[layer]!.filter((f) => fieldsOf(layer).has(f));
        // Only the chosen fields travel (and are logged as exported).
        const collection = await postExport({ layer, filters, area: geometry ?? undefined, fields: order });
        const now = new Date();
        const meta: ExtractMeta = {
          layer, filter: { ...filters, area: area ?? null }, dataDate: collection.export.dataDate, demo: collection.demo,
          exportedAt: now.toISOString(), notice: collection.export.notice,
        };
        const name = extractFileName(layer, format, now);
        save(name, await encode(format, collection.features as ExtractFeature[], order, meta, { lang, labels: codesOnly ? 'codes' : 'readable' }), MIME[format]);
        lines.push(tf('exportDone', { file: name, n: collection.features.length }));
        if (layer === 'enterprises' && summary && collection.features.length !== summary.matched)
          lines.push(tf('exportMismatch', { server: collection.features.length, browser: summary.matched }));
      }
      setStatus({ kind: 'done', lines });
    } catch (err) {
      // The files already saved stay listed above the refusal.
      setStatus({ kind: 'error', lines, message: errorText(err, lang) });
    }
  };

  const working = status.kind === 'working';
  return (
    <details className="export-dialog" data-testid="export-dialog">
      <summary>{t('exportTitle')}</summary>
      {!policy || !fields ? <p role="status">{t('loadingList')}</p> : !offered.length ? <p className="hint" data-testid="export-none">{t('exportNoLayerAllowed')}</p> : (
        <>
          <fieldset>
            <legend>{t('exportLayers')}</legend>
            {offered.map(([layer, key]) => (
              <div key={layer} className="export-layer">
                <label><input type="checkbox" checked={layers.has(layer)} onChange={() => toggleLayer(layer)} data-testid={`export-layer-${layer}`} /> {t(key)}</label>
                {layers.has(layer) && (
                  <details className="export-fields">
                    <summary>{t('exportFields')} ({fieldsOf(layer).size}/{fields[layer]!.length})</summary>
                    {fields[layer]!.map((f) => (
                      <label key={f} className="field" title={f}><input type="checkbox" checked={fieldsOf(layer).has(f)} onChange={() => toggleField(layer, f)} data-testid={`export-field-${layer}-${f}`} /> {fieldText(layer, f, lang)}</label>
                    ))}
                  </details>
                )}
              </div>
            ))}
          </fieldset>
          <ul className="plain hint" data-testid="export-limits">
            {policy.maxRows !== null && <li>{tf('exportRowLimit', { n: formatNumber(policy.maxRows, lang) })}</li>}
            {policy.perMinute !== null && policy.perHour !== null && <li>{tf('exportRateLimit', { minute: policy.perMinute, hour: policy.perHour })}</li>}
            {(policy.role === 'public' || policy.role === 'viewer') && <li>{t('exportPublicFields')}</li>}
          </ul>
          <fieldset>
            <legend>{t('exportFormat')}</legend>
            {FORMATS.map(([f, name]) => (
              <label key={f}><input type="radio" name="export-format" value={f} checked={format === f} onChange={() => setFormat(f)} data-testid={`export-format-${f}`} /> {name}</label>
            ))}
          </fieldset>
          <label className="export-codes"><input type="checkbox" checked={codesOnly} onChange={() => setCodesOnly((c) => !c)} data-testid="export-codes-only" /> {t('exportCodesOnly')}</label>
          {!codesOnly && <p className="hint" data-testid="export-readable-note">{t('exportReadableNote')}</p>}
          {format === 'shapefile' && <p className="hint">{t('exportShapefileNote')}</p>}
          {info?.demo && <p className="demo-notice" role="note">{t('exportDemo')}</p>}
          {tooMany && <p className="hint" data-testid="export-too-many">{tf('exportTooManyHint', { n: formatNumber(summary.matched, lang), max: formatNumber(policy.maxRows!, lang) })}</p>}
          <button type="button" data-testid="export-run" disabled={working || !toExport.length || !!noField || areaStatus === 'resolving'} onClick={run}>{t('exportButton')}</button>
          {!toExport.length && <p className="hint">{t('exportNoLayer')}</p>}
          {noField && <p className="hint">{tf('exportNoField', { layer: label(noField) })}</p>}
          {working && (
            <p role="status" data-testid="export-status">
              <progress aria-label={tf('exporting', { layer: label(status.layer) })} /> {tf('exporting', { layer: label(status.layer) })}
            </p>
          )}
          {(status.kind === 'done' || (status.kind === 'error' && !!status.lines?.length)) && (
            <ul className="plain" role="status" data-testid="export-status">{(status.kind === 'done' ? status.lines : status.lines ?? []).map((l) => <li key={l}>{l}</li>)}</ul>
          )}
          {status.kind === 'error' && <p className="form-error" role="alert" data-testid="export-error">{t('exportError')}{status.message}</p>}
        </>
      )}
    </details>
  );
}
