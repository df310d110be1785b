import { create } from "zustand";
import { persist } from "zustand/middleware";

/*
 * The colour theme: "system" follows prefers-color-scheme (the stylesheet does that by itself);
 * "light" or "dark" pins it with data-theme on <html>. Remembered in this browser.
 */

export const themeChoices = ["system", "light", "dark"] as const;
export type ThemeChoice = (typeof themeChoices)[number];

interface ThemeState {
  theme: ThemeChoice;
  themeChosen: (theme: ThemeChoice) => void;
}

export const useThemeStore = create<ThemeState>()(
  persist(
    (set) => ({
      theme: "system",
      themeChosen: (theme) => set({ theme }),
    }),
    {
      name: "mmr-review.theme",
      // A hand-edited or old value falls back to following the system.
      merge: (persisted, current) => {
        const theme = (persisted as { theme?: unknown } | undefined)?.theme;
        return { ...current, theme: themeChoices.includes(theme as ThemeChoice) ? (theme as ThemeChoice) : "system" };
      },
    },
  ),
);

export function applyTheme(theme: ThemeChoice, root: HTMLElement = document.documentElement): void {
  if (theme === "system") delete root.dataset.theme;
  else root.dataset.theme = theme;
}

if (typeof document !== "undefined") {
  applyTheme(useThemeStore.getState().theme);
  useThemeStore.subscribe((state) => applyTheme(state.theme));
}
