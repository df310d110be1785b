import { create } from "zustand";

export interface Toast {
  id: number;
  tone: "info" | "error";
  text: string;
}

interface ToastState {
  toasts: Toast[];
  toastShown: (tone: Toast["tone"], text: string) => void;
  toastDismissed: (id: number) => void;
}

let nextId = 1;

export const useToastStore = create<ToastState>()((set, get) => ({
  toasts: [],
  toastShown: (tone, text) => {
    const id = nextId++;
    set({ toasts: [...get().toasts.slice(-3), { id, tone, text }] });
    setTimeout(() => get().toastDismissed(id), tone === "error" ? 8000 : 3500);
  },
  toastDismissed: (id) => set({ toasts: get().toasts.filter((toast) => toast.id !== id) }),
}));

export const showToast = (tone: Toast["tone"], text: string) => useToastStore.getState().toastShown(tone, text);
