// The spatial filter tools in the sidebar: draw a polygon, rectangle or circle, buffer a line, pick
// districts on the map, "inside the parks", load an area from a file; then edit or clear it.
import { useEffect, useRef, useState, type ChangeEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { MAX_BUFFER_KM, type AreaSpec } from '../../domain/area-geometry.ts';
import type { Lang } from '../../domain/taxonomy.ts';
import { problem, ProblemError } from '../../domain/problems.ts';
import { formatNumber } from '../i18n/format.ts';
import { localProblemText } from '../i18n/problem-text.ts';
import { t, tf, type MessageKey } from '../i18n/messages.ts';
import { useAreaStore } from '../state/area-store.ts';
import { encodeArea } from '../state/area-url.ts';
import { useAppStore, type DrawMode } from '../state/store.ts';
import { useDrawTool } from '../hooks/useDrawing.ts';
import type { BlockFeature } from '../api/endpoints-blocks.ts';
import { blockName, useIndustrialBlocks } from '../hooks/useIndustrialBlocks.ts';
import { useT } from '../i18n/use-t.ts';

const TOOLS: [DrawMode, MessageKey][] = [
  ['polygon', 'drawPolygon'], ['rectangle', 'drawRectangle'], ['circle', 'drawCircle'], ['line', 'drawLine'], ['pickDistricts', 'pickDistricts'],
];
const HINTS: Record<DrawMode, MessageKey> = {
  polygon: 'hintPolygon', rectangle: 'hintRectangle', circle: 'hintCircle', line: 'hintLine', pickDistricts: 'hintPick', edit: 'hintEdit',
  measureLine: 'hintMeasureLine', measureArea: 'hintMeasureArea',
};
/** Measuring tools: they draw like the area tools but filter nothing (MeasureResult.tsx shows the figure). */
const MEASURE_TOOLS: [DrawMode, MessageKey][] = [['measureLine', 'measureLine'], ['measureArea', 'measureArea']];

/** The drawing hint goes over the map, where the user draws (not down the sidebar, below the fold). */
const onMap = (hint: ReactNode) => {
  const overlays = document.getElementById('map-overlays');
  return overlays ? createPortal(hint, overlays) : hint;
};

/** `blocks`: the industrial blocks, to name a block area (its id until they are in). */
export function areaLabel(area: AreaSpec, lang: Lang, blocks?: readonly BlockFeature[]): string {
  if (area.kind === 'block') return tf('areaBlock', lang, { name: blockName(blocks, area.id) });
  if (area.kind === 'shapes') return tf('areaShapes', lang, { n: area.polygons.length });
  if (area.kind === 'inside') return t(area.layer === 'villageParks' ? 'insideVillageParks' : 'insideValueParks', lang);
  const km = formatNumber(area.km, lang, 2);
  if (area.target.kind === 'line') return tf('areaBufferLine', lang, { km });
  return tf(area.target.kind === 'park' ? 'areaBufferPark' : 'areaBufferValuePark', lang, { km, id: area.target.id });
}

/** A file's problem in the user's language (an unforeseen error keeps its own text). */
const fileErrorText = (err: unknown, lang: Lang) => (err instanceof ProblemError ? localProblemText(err.problem, lang) : String((err as Error)?.message ?? err));

export function AreaTools() {
  const { t, lang } = useT();
  const area = useAppStore((s) => s.area);
  const drawMode = useAppStore((s) => s.drawMode);
  const bufferKm = useAppStore((s) => s.bufferKm);
  const setArea = useAppStore((s) => s.setArea);
  const setDrawMode = useAppStore((s) => s.setDrawMode);
  const setBufferKm = useAppStore((s) => s.setBufferKm);
  const showPanel = useAppStore((s) => s.showPanel);
  const status = useAreaStore((s) => s.status);
  const error = useAreaStore((s) => s.error);
  // terra-draw loads when a drawing mode is first chosen: its hint shows once the tool runs.
  const toolReady = useDrawTool((s) => s.ready) || drawMode === 'pickDistricts';
  const [fileError, setFileError] = useState<unknown>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  // The industrial blocks are fetched when their list is first opened, or to name a block area.
  const [blocksWanted, setBlocksWanted] = useState(false);
  const { data: blocks } = useIndustrialBlocks(blocksWanted || area?.kind === 'block');
  // A file's error stands until the area changes.
  useEffect(() => setFileError(null), [area]);

  const changeKm = (raw: string) => {
    const km = Number(raw);
    if (!(km > 0 && km <= MAX_BUFFER_KM)) return;
    setBufferKm(km);
    if (area?.kind === 'buffer') setArea({ ...area, km });
  };

  // Corners typed as "longitude, latitude", one per line: drawing without a pointer.
  const [typed, setTyped] = useState('');
  const [typedError, setTypedError] = useState<unknown>(null);
  const applyTyped = async () => {
    setTypedError(null);
    try {
      const { polygonFromTyped } = await import('../state/area-file.ts');
      setArea({ kind: 'shapes', polygons: [polygonFromTyped(typed)] });
    } catch (err) {
      setTypedError(err);
    }
  };

  const loadFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setFileError(null);
    try {
      // The file reader (with the KML parser) is fetched when a file is chosen, not with the first screen.
      const { MAX_AREA_FILE_BYTES, polygonsFromFile } = await import('../state/area-file.ts');
      if (file.size > MAX_AREA_FILE_BYTES) throw new ProblemError(problem('area_file_too_large', { mb: MAX_AREA_FILE_BYTES / 1024 / 1024 }), `the file is larger than ${MAX_AREA_FILE_BYTES / 1024 / 1024} MB`);
      const polygons = polygonsFromFile(file.name, await file.text(), (text) => new DOMParser().parseFromString(text, 'application/xml'));
      setArea({ kind: 'shapes', polygons });
    } catch (err) {
      setFileError(err);
    }
  };

  return (
    <section aria-labelledby="area-title" className="area-tools" data-testid="area-tools">
      <h2 id="area-title">{t('areaTools')}</h2>
      <div className="tool-buttons" role="group" aria-label={t('areaTools')}>
        {TOOLS.map(([mode, key]) => (
          <button key={mode} type="button" aria-pressed={drawMode === mode} data-testid={`draw-${mode}`} onClick={() => setDrawMode(drawMode === mode ? null : mode)}>
            {t(key)}
          </button>
        ))}
        {MEASURE_TOOLS.map(([mode, key]) => (
          <button key={mode} type="button" aria-pressed={drawMode === mode} data-testid={`draw-${mode}`} onClick={() => setDrawMode(drawMode === mode ? null : mode)}>
            {t(key)}
          </button>
        ))}
        <button type="button" aria-pressed={area?.kind === 'inside' && area.layer === 'villageParks'} data-testid="inside-villageParks"
          onClick={() => setArea({ kind: 'inside', layer: 'villageParks' })}>{t('insideVillageParks')}</button>
        <button type="button" aria-pressed={area?.kind === 'inside' && area.layer === 'valueParks'} data-testid="inside-valueParks"
          onClick={() => setArea({ kind: 'inside', layer: 'valueParks' })}>{t('insideValueParks')}</button>
        <button type="button" onClick={() => fileInput.current?.click()}>{t('loadAreaFile')}</button>
        <select aria-label={t('areaChooseBlock')} data-testid="area-block" value={area?.kind === 'block' ? String(area.id) : ''}
          onFocus={() => setBlocksWanted(true)} onPointerDown={() => setBlocksWanted(true)}
          onChange={(e) => e.target.value && setArea({ kind: 'block', id: Number(e.target.value) })}>
          <option value="">{t('areaChooseBlock')}</option>
          {area?.kind === 'block' && !blocks?.some((b) => b.id === area.id) && <option value={area.id}>{blockName(blocks, area.id)}</option>}
          {blocks?.map((b) => <option key={b.id} value={b.id}>{b.properties.name}</option>)}
        </select>
        <input ref={fileInput} type="file" accept=".geojson,.json,.kml,application/geo+json,application/vnd.google-earth.kml+xml" hidden data-testid="area-file" onChange={loadFile} />
      </div>
      <label className="buffer-km">
        {t('bufferKm')}{' '}
        <input type="number" min={0.1} max={MAX_BUFFER_KM} step={0.1} value={bufferKm} data-testid="buffer-km" onChange={(e) => changeKm(e.target.value)} />
      </label>
      {drawMode && !toolReady && <p className="hint" role="status">{t('loadingPart')}</p>}
      {drawMode && toolReady && onMap(
        <p className="hint overlay" role="status" data-testid="draw-hint">
          {t(HINTS[drawMode])}{' '}
          <button type="button" className="link" onClick={() => setDrawMode(null)}>{drawMode === 'edit' ? t('doneEditing') : t('cancelDrawing')}</button>
        </p>,
      )}
      {fileError !== null && <p className="form-error" role="alert" data-testid="area-file-error">{t('fileAreaError')}{fileErrorText(fileError, lang)}</p>}
      <details className="typed-area">
        <summary>{t('typedAreaTitle')}</summary>
        <label htmlFor="typed-area" className="hint">{t('typedAreaHint')}</label>
        <textarea id="typed-area" rows={4} value={typed} onChange={(e) => setTyped(e.target.value)} data-testid="typed-area" placeholder={'113.32, 23.12\n113.36, 23.12\n113.36, 23.15'} />
        <button type="button" onClick={applyTyped} disabled={!typed.trim()} data-testid="typed-area-use">{t('typedAreaUse')}</button>
        {typedError !== null && <p className="form-error" role="alert" data-testid="typed-area-error">{fileErrorText(typedError, lang)}</p>}
      </details>
      {area && (
        <div className="area-current" data-testid="area-current">
          <span className="area-swatch" aria-hidden="true" /> {areaLabel(area, lang, blocks)}
          {status === 'resolving' && <span role="status"> · {t('areaResolving')}</span>}
          {status === 'error' && <p className="form-error" role="alert">{t('areaError')}{error}</p>}
          {area.kind === 'shapes' && !encodeArea(area) && <p className="muted">{t('areaNotInLink')}</p>}
          <div className="buttons">
            {area.kind === 'shapes' && drawMode !== 'edit' && <button type="button" data-testid="edit-area" onClick={() => setDrawMode('edit')}>{t('editArea')}</button>}
            <button type="button" data-testid="clear-area" onClick={() => setArea(null)}>{t('clearArea')}</button>
          </div>
        </div>
      )}
      <button type="button" className="selection-open" data-testid="selection-open" onClick={() => showPanel('selection')}>{t('selectionOpen')}</button>
    </section>
  );
}
