// The template editor's form model: every field as the text the user typed, converted to and from
// the stored ChecklistItem shape (only the fields its answer type uses).
import type { TemplateDraft } from '../../data/checklists';
import type { AnswerType, ChecklistItem, ChecklistSection, ChecklistTemplate, Severity } from '../../domain/audits/audit-types';
import type { LocalizedText } from '../../domain/reviews/review-types';

export interface ItemForm {
  id: string;
  textZh: string;
  textEn: string;
  answerType: AnswerType;
  photoRequired: boolean;
  severityIfFailed: Severity;
  maxScore: string;
  passScore: string;
  min: string;
  max: string;
  unitZh: string;
  unitEn: string;
}

export interface SectionForm {
  id: string;
  titleZh: string;
  titleEn: string;
  items: ItemForm[];
}

export interface TemplateForm {
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  sections: SectionForm[];
}

const shortId = () => crypto.randomUUID().slice(0, 8);

export function newItemForm(): ItemForm {
  return { id: shortId(), textZh: '', textEn: '', answerType: 'pass-fail-na', photoRequired: false, severityIfFailed: 'medium', maxScore: '10', passScore: '6', min: '', max: '', unitZh: '', unitEn: '' };
}

export function newSectionForm(titleZh = '', titleEn = ''): SectionForm {
  return { id: `s-${shortId()}`, titleZh, titleEn, items: [newItemForm()] };
}

function itemForm(i: ChecklistItem): ItemForm {
  return {
    id: i.id,
    textZh: i.text.zh,
    textEn: i.text.en,
    answerType: i.answerType,
    photoRequired: i.photoRequired,
    severityIfFailed: i.severityIfFailed,
    maxScore: i.maxScore === undefined ? '10' : String(i.maxScore),
    passScore: i.passScore === undefined ? '' : String(i.passScore),
    min: i.range?.min ?? '',
    max: i.range?.max ?? '',
    unitZh: i.unit?.zh ?? '',
    unitEn: i.unit?.en ?? '',
  };
}

export function templateForm(t: Pick<ChecklistTemplate, 'name' | 'description' | 'sections'> | undefined): TemplateForm {
  if (!t) return { nameZh: '', nameEn: '', descriptionZh: '', descriptionEn: '', sections: [newSectionForm()] };
  return {
    nameZh: t.name.zh,
    nameEn: t.name.en,
    descriptionZh: t.description.zh,
    descriptionEn: t.description.en,
    sections: t.sections.map((s) => ({ id: s.id, titleZh: s.title.zh, titleEn: s.title.en, items: s.items.map(itemForm) })),
  };
}

const text = (zh: string, en: string): LocalizedText => ({ zh: zh.trim(), en: en.trim() });

/** Whole numbers stay numbers; anything else becomes NaN so validateChecklist reports it. */
function whole(s: string): number {
  return /^\s*\d+\s*$/.test(s) ? Number(s) : Number.NaN;
}

function toItem(f: ItemForm): ChecklistItem {
  const item: ChecklistItem = { id: f.id, text: text(f.textZh, f.textEn), answerType: f.answerType, photoRequired: f.photoRequired, severityIfFailed: f.severityIfFailed };
  if (f.answerType === 'score') {
    item.maxScore = whole(f.maxScore);
    if (f.passScore.trim()) item.passScore = whole(f.passScore);
  }
  if (f.answerType === 'number') {
    const range: { min?: string; max?: string } = {};
    if (f.min.trim()) range.min = f.min.trim();
    if (f.max.trim()) range.max = f.max.trim();
    if (range.min !== undefined || range.max !== undefined) item.range = range;
    if (f.unitZh.trim() || f.unitEn.trim()) item.unit = text(f.unitZh, f.unitEn);
  }
  return item;
}

export function toTemplateDraft(f: TemplateForm): TemplateDraft {
  const sections: ChecklistSection[] = f.sections.map((s) => ({ id: s.id, title: text(s.titleZh, s.titleEn), items: s.items.map(toItem) }));
  return { name: text(f.nameZh, f.nameEn), description: text(f.descriptionZh, f.descriptionEn), sections };
}
