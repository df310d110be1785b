/**
 * "Replace with parent object", the same icon wherever it is offered (instances, target list): an
 * arrow climbing out of a box, never the ↑/▲ of "move up".
 */
export function ParentIcon() {
  return (
    <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.4">
      <rect x="1" y="5" width="6" height="6" rx="1" />
      <path d="M4 5V1.5h6.5M8 0l2.5 1.5L8 3" />
    </svg>
  );
}
