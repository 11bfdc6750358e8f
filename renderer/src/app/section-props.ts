/** Props every top-level section receives: hash parts after the section id and the query string. */
export interface SectionProps {
  params: string[];
  query: Record<string, string>;
}
