// On a phone the menu scrolls sideways, and the entry of the page shown (or of its
// section) may sit behind the fade at its right edge: bring it into view once, without
// moving the page. Nothing happens where the whole menu fits. Measured once the fonts are
// settled, so the entry's place is final and the same on every visit.
const nav = document.querySelector(".bl-nav");
const current = nav && nav.querySelector("[aria-current]");
if (current) {
  document.fonts.ready.then(() => {
    if (nav.scrollWidth <= nav.clientWidth) return;
    const fade = 48; // px: the fade (2rem) and a little room
    const box = nav.getBoundingClientRect();
    const item = current.getBoundingClientRect();
    if (item.right > box.right - fade) nav.scrollLeft += item.right - box.right + fade;
  });
}
