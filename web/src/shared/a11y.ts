/**
 * Arrow keys in every radio group (WAI-ARIA radio group pattern): the page's segmented controls
 * and tier cards are buttons with role="radio" inside role="radiogroup"; one document listener
 * gives them all the keyboard behaviour of native radios (Left/Up previous, Right/Down next,
 * Home/End first/last, wrapping), selecting as focus moves.
 */
const NEXT: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

export function installRadioGroupKeys(): void {
  document.addEventListener('keydown', (e) => {
    const target = e.target as HTMLElement | null;
    if (!target || target.getAttribute('role') !== 'radio') return;
    const group = target.closest('[role="radiogroup"]');
    if (!group) return;
    const radios = [...group.querySelectorAll<HTMLElement>('[role="radio"]')].filter(
      (r) => !(r as HTMLButtonElement).disabled && r.closest('[role="radiogroup"]') === group,
    );
    const at = radios.indexOf(target);
    let next: number;
    if (e.key in NEXT) next = (at + NEXT[e.key]! + radios.length) % radios.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = radios.length - 1;
    else return;
    e.preventDefault();
    radios[next]!.focus();
    radios[next]!.click();
  });
}

/** The tab title: "Billing · Compute · Pictor Billing". */
export function setTitle(...parts: string[]): void {
  document.title = [...parts, 'Pictor Billing'].join(' · ');
}
