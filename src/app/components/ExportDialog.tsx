// "Export the selection": the user picks layers, fields and a format. Each layer's features come
// from POST /api/exports (the authoritative rows from PostGIS, with this user's field rules, and
// logged), for exactly the filter and area the map shows; the browser then writes GeoJSON, CSV,
// KML or a zipped Shapefile with the chosen fields and saves it under a dated file name.
import { useEffect, useRef, useState } from 'react';
import { toCsvExtract } from '../../domain/extract/extract-csv.ts';
import { toGeoJsonExtract } from '../../domain/extract/extract-geojson.ts';
import { toKmlExtract } from '../../domain/extract/extract-kml.ts';
import { extractFileName, type ExtractFeature, type ExtractFormat, type ExtractLayer, type ExtractMeta } from '../../domain/extract/extract-meta.ts';
import { toShapefileZip } from '../../domain/extract/extract-shapefile.ts';
import { fetchExportFields, postExport, type ExportFields } from '../api/endpoints-map.ts';
import { formatNumber } from '../i18n/format.ts';
import { t, tf, type MessageKey } from '../i18n/messages.ts';
import { useAreaStore } from '../state/area-store.ts';
import { useEnterpriseStore } from '../state/enterprise-store.ts';
import { useAppStore } from '../state/store.ts';
import { errorText, isAbort } from './error-text.ts';

const LAYERS: [ExtractLayer, MessageKey][] = [['enterprises', 'enterprises'], ['parks', 'villageParks'], ['value-parks', 'valueParks']];
const FORMATS: [ExtractFormat, string][] = [['geojson', 'GeoJSON'], ['csv', 'CSV'], ['kml', 'KML'], ['shapefile', 'Shapefile (.zip)']];
const MIME: Record<ExtractFormat, string> = {
  geojson: 'application/geo+json', csv: 'text/csv;charset=utf-8', kml: 'application/vnd.google-earth.kml+xml', shapefile: 'application/zip',
};

function encode(format: ExtractFormat, features: ExtractFeature[], fields: string[], meta: ExtractMeta): BlobPart {
  if (format === 'geojson') return toGeoJsonExtract(features, fields, meta);
  if (format === 'csv') return toCsvExtract(features, fields, meta);
  if (format === 'kml') return toKmlExtract(features, fields, meta);
  return toShapefileZip(features, fields, meta) as Uint8Array<ArrayBuffer>;
}

function save(name: string, part: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([part], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

type Status = { kind: 'idle' } | { kind: 'working'; layer: ExtractLayer } | { kind: 'done'; lines: string[] } | { kind: 'error'; message: string };

export function ExportDialog() {
  const { lang, filter, area, user } = useAppStore();
  const geometry = useAreaStore((s) => s.geometry);
  const areaStatus = useAreaStore((s) => s.status);
  const { summary, info } = useEnterpriseStore();
  const [fields, setFields] = useState<ExportFields | null>(null);
  const [layers, setLayers] = useState<Set<ExtractLayer>>(new Set(['enterprises']));
  const [chosen, setChosen] = useState<Partial<Record<ExtractLayer, Set<string>>>>({});
  const [format, setFormat] = useState<ExtractFormat>('geojson');
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const langNow = useRef(lang);
  langNow.current = lang;

  // The fields depend on the role: ask again after every log-in or log-out.
  useEffect(() => {
    const ac = new AbortController();
    fetchExportFields(ac.signal).then((f) => {
      setFields(f);
      setChosen({});
    }, (err) => !isAbort(err) && setStatus({ kind: 'error', message: errorText(err, langNow.current) }));
    return () => ac.abort();
  }, [user?.id, user?.role]);

  const fieldsOf = (layer: ExtractLayer) => chosen[layer] ?? new Set(fields?.[layer] ?? []);
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
      for (const layer of LAYERS.map(([l]) => l).filter((l) => layers.has(l))) {
        setStatus({ kind: 'working', layer });
        const collection = await postExport({ layer, filters, area: geometry ?? undefined });
        const order = fields[layer].filter((f) => fieldsOf(layer).has(f));
        const now = new Date();
        const meta: ExtractMeta = {
          layer, filter: { ...filters, area: area ?? null }, dataDate: collection.export.dataDate, demo: collection.demo,
          exportedAt: now.toISOString(), notice: collection.export.notice,
        };
        const name = extractFileName(layer, format, now);
        save(name, encode(format, collection.features as ExtractFeature[], order, meta), MIME[format]);
        lines.push(tf('exportDone', lang, { file: name, n: formatNumber(collection.features.length, lang) }));
        if (layer === 'enterprises' && summary && collection.features.length !== summary.matched)
          lines.push(tf('exportMismatch', lang, { server: collection.features.length, browser: summary.matched }));
      }
      setStatus({ kind: 'done', lines });
    } catch (err) {
      setStatus({ kind: 'error', message: errorText(err, lang) });
    }
  };

  const working = status.kind === 'working';
  return (
    <details className="export-dialog" data-testid="export-dialog">
      <summary>{t('exportTitle', lang)}</summary>
      {!fields ? <p role="status">{t('loadingList', lang)}</p> : (
        <>
          <fieldset>
            <legend>{t('exportLayers', lang)}</legend>
            {LAYERS.map(([layer, key]) => (
              <div key={layer} className="export-layer">
                <label><input type="checkbox" checked={layers.has(layer)} onChange={() => toggleLayer(layer)} data-testid={`export-layer-${layer}`} /> {t(key, lang)}</label>
                {layers.has(layer) && (
                  <details className="export-fields">
                    <summary>{t('exportFields', lang)} ({fieldsOf(layer).size}/{fields[layer].length})</summary>
                    {fields[layer].map((f) => (
                      <label key={f} className="field"><input type="checkbox" checked={fieldsOf(layer).has(f)} onChange={() => toggleField(layer, f)} /> {f}</label>
                    ))}
                  </details>
                )}
              </div>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t('exportFormat', lang)}</legend>
            {FORMATS.map(([f, name]) => (
              <label key={f}><input type="radio" name="export-format" value={f} checked={format === f} onChange={() => setFormat(f)} data-testid={`export-format-${f}`} /> {name}</label>
            ))}
          </fieldset>
          {format === 'shapefile' && <p className="hint">{t('exportShapefileNote', lang)}</p>}
          {info?.demo && <p className="demo-notice" role="note">{t('exportDemo', lang)}</p>}
          <button type="button" data-testid="export-run" disabled={working || !layers.size || areaStatus === 'resolving'} onClick={run}>{t('exportButton', lang)}</button>
          {!layers.size && <p className="hint">{t('exportNoLayer', lang)}</p>}
          {working && (
            <p role="status" data-testid="export-status">
              <progress aria-label={tf('exporting', lang, { layer: status.layer })} /> {tf('exporting', lang, { layer: t(LAYERS.find(([l]) => l === status.layer)![1], lang) })}
            </p>
          )}
          {status.kind === 'done' && <ul className="plain" role="status" data-testid="export-status">{status.lines.map((l) => <li key={l}>{l}</li>)}</ul>}
          {status.kind === 'error' && <p className="form-error" role="alert">{t('exportError', lang)}{status.message}</p>}
        </>
      )}
    </details>
  );
}
