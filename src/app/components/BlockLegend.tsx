// The industrial blocks' legend in the layer list: the two control levels, what the layer is, a note
// when the blocks are synthetic demo data, and a list to open a block's report (and fly to it).
import { BLOCK_COLOR } from '../map/style.ts';
import { flyTo } from '../state/camera.ts';
import { useAppStore } from '../state/store.ts';
import { errorText } from '../i18n/error-text.ts';
import { blockBounds, useIndustrialBlocks } from '../hooks/useIndustrialBlocks.ts';
import { useT } from '../i18n/use-t.ts';

export function BlockLegend() {
  const { t, lang } = useT();
  const { data: blocks, error } = useIndustrialBlocks(true);
  const select = useAppStore((s) => s.select);
  const open = (raw: string) => {
    const b = blocks?.find((x) => x.id === Number(raw));
    if (!b) return;
    select({ kind: 'block', id: b.id });
    flyTo({ bounds: blockBounds(b), zoom: 14 });
  };
  return (
    <ul className="legend" data-testid="legend-industrialBlocks">
      <li><span className="swatch outline" style={{ borderColor: BLOCK_COLOR, background: `${BLOCK_COLOR}14` }} />{t('blockLevelFirst')}</li>
      <li><span className="swatch outline dashed" style={{ borderColor: BLOCK_COLOR }} />{t('blockLevelSecond')}</li>
      <li className="legend-note">{t('blockLegendNote')}</li>
      {blocks?.some((b) => b.properties.demo) && <li className="legend-note" role="note" data-testid="block-legend-demo">{t('blockDemoNote')}</li>}
      {error && <li className="form-error" role="alert">{t('blockLoadError')}{errorText(error, lang)}</li>}
      {!!blocks?.length && (
        <li>
          <select aria-label={t('industrialBlocks')} value="" onChange={(e) => open(e.target.value)} data-testid="block-open">
            <option value="">{t('areaChooseBlock')}</option>
            {blocks.map((b) => <option key={b.id} value={b.id}>{b.properties.name}</option>)}
          </select>
        </li>
      )}
    </ul>
  );
}
