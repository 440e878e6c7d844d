import { z } from 'zod';
import type { Playbook } from '../model.ts';
import { commonRequiredMeta, dedupe, optText, requiredText, researchSlug, strList, uuid, proseText } from './common.ts';
import { commonOf, run, type SourceFile } from './result.ts';

const schema = z.object({
  ...commonRequiredMeta,
  id: uuid,
  type: requiredText('type'),
  playbook: requiredText('playbook'),
  how_to_implement: proseText('how_to_implement'),
  app_list: strList,
  tags: z.object(
    {
      platform_tags: strList,
      playbook_type: optText,
      vpe_type: optText,
      product: strList,
      use_cases: strList,
      defend_technique_id: strList,
      analytic_story: strList,
      detections: strList,
      playbook_fields: strList,
      labels: strList,
    },
    { error: 'required tags block is missing' },
  ),
});

export function parsePlaybook(data: unknown, source: SourceFile) {
  return run(schema, data, (d): Playbook => ({
    kind: 'playbook',
    ...commonOf(d, source),
    id: d.id,
    slug: researchSlug(d.name.trim()),
    stem: source.stem,
    type: d.type,
    playbook: d.playbook,
    howToImplement: d.how_to_implement,
    appList: d.app_list,
    platformTags: d.tags.platform_tags,
    playbookType: d.tags.playbook_type,
    vpeType: d.tags.vpe_type,
    products: d.tags.product,
    useCases: d.tags.use_cases,
    defendTechniques: d.tags.defend_technique_id,
    stories: dedupe(d.tags.analytic_story),
    detections: dedupe(d.tags.detections),
    playbookFields: d.tags.playbook_fields,
    labels: d.tags.labels,
  }));
}
