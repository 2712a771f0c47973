// The industrial blocks' legend in the layer list: the two control levels, what the layer is, a note
// when the blocks are synthetic demo data, and a list to open a block's report (and fly to it).
import type { Lang } from '../../domain/taxonomy.ts';
import { t } from '../i18n/messages.ts';
import { BLOCK_COLOR } from '../map/style.ts';
import { useAppStore } from '../state/store.ts';
import { errorText } from './error-text.ts';
import { blockBounds, useIndustrialBlocks } from './useIndustrialBlocks.ts';

export function BlockLegend({ lang }: { lang: Lang }) {
  const { data: blocks, error } = useIndustrialBlocks(true);
  const { select, flyTo } = useAppStore();
  const open = (raw: string) => {
    const b = blocks?.find((x) => x.id === Number(raw));
    if (!b) return;
    select({ kind: 'block', id: b.id });
    flyTo({ bounds: blockBounds(b), zoom: 14 });
  };
  return (
    <ul className="legend" data-testid="legend-industrialBlocks">
      <li><span className="swatch outline" style={{ borderColor: BLOCK_COLOR, background: `${BLOCK_COLOR}14` }} />{t('blockLevelFirst', lang)}</li>
      <li><span className="swatch outline dashed" style={{ borderColor: BLOCK_COLOR }} />{t('blockLevelSecond', lang)}</li>
      <li className="legend-note">{t('blockLegendNote', lang)}</li>
      {blocks?.some((b) => b.properties.demo) && <li className="legend-note" role="note" data-testid="block-legend-demo">{t('blockDemoNote', lang)}</li>}
      {error && <li className="form-error" role="alert">{t('blockLoadError', lang)}{errorText(error, lang)}</li>}
      {!!blocks?.length && (
        <li>
          <select aria-label={t('industrialBlocks', lang)} value="" onChange={(e) => open(e.target.value)} data-testid="block-open">
            <option value="">{t('areaChooseBlock', lang)}</option>
            {blocks.map((b) => <option key={b.id} value={b.id}>{b.properties.name}</option>)}
          </select>
        </li>
      )}
    </ul>
  );
}
