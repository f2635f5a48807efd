/**
 * Arrow keys in every radio group (WAI-ARIA radio group pattern): the page's segmented controls
 * and tier cards are buttons with role="radio" inside role="radiogroup"; one document listener
 * gives them all the keyboard behaviour of native radios (Left/Up previous, Right/Down next,
 * Home/End first/last, wrapping), selecting as focus moves, and one tab stop per group.
 */
const NEXT: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

/** A group's own enabled radios (not those of a group nested inside it). */
function radiosOf(group: Element): HTMLElement[] {
  return [...group.querySelectorAll<HTMLElement>('[role="radio"]')].filter(
    (r) => !(r as HTMLButtonElement).disabled && r.closest('[role="radiogroup"]') === group,
  );
}

/**
 * One tab stop per radio group (roving tabindex): the checked radio, or the first when none is
 * checked, has tabindex 0 and the others -1, so Tab enters and leaves a group in one press and the
 * arrows move inside it. Kept in step with every group on the page, whichever screen renders it.
 */
function syncRovingTabIndex(): void {
  for (const group of document.querySelectorAll('[role="radiogroup"]')) {
    const radios = radiosOf(group);
    const stop = radios.find((r) => r.getAttribute('aria-checked') === 'true') ?? radios[0];
    for (const r of radios) {
      const index = r === stop ? '0' : '-1';
      if (r.getAttribute('tabindex') !== index) r.setAttribute('tabindex', index);
    }
  }
}

function watchRadioGroups(): void {
  let queued = false;
  const sync = () => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      syncRovingTabIndex();
    });
  };
  new MutationObserver(sync).observe(document.body, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['aria-checked', 'disabled', 'role'],
  });
  sync();
}

export function installRadioGroupKeys(): void {
  watchRadioGroups();
  document.addEventListener('keydown', (e) => {
    const target = e.target as HTMLElement | null;
    if (!target || target.getAttribute('role') !== 'radio') return;
    const group = target.closest('[role="radiogroup"]');
    if (!group) return;
    const radios = radiosOf(group);
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
