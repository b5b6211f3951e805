import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../api/client";
import { notifyError } from "../../../ui/toasts";
import type { Course } from "../trainingTypes";

interface CoursesContextValue {
  /** Every course, inactive ones included; null until loaded. */
  courses: Course[] | null;
  reload(): void;
  /**
   * A course's title in the interface language. Rows from the server carry the title in the
   * language the account had when they were read; this follows the switch at once.
   */
  titleOf(courseId: number, fallback?: string): string;
}

const CoursesContext = createContext<CoursesContextValue | null>(null);

export function courseTitle(course: Pick<Course, "titleFr" | "titleEn">, language: string): string {
  return language === "en" ? course.titleEn : course.titleFr;
}

/** The catalogue, read once for every training screen (a few dozen rows at most). */
export function CoursesProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const [courses, setCourses] = useState<Course[] | null>(null);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let current = true;
    api.courses
      .list({ includeInactive: true })
      .then((list) => {
        if (current) setCourses(list);
      })
      .catch(notifyError);
    return () => {
      current = false;
    };
  }, [reloads]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);
  const language = i18n.language;
  const value = useMemo(() => {
    const byId = new Map((courses ?? []).map((course) => [course.id, course]));
    return {
      courses,
      reload,
      titleOf: (courseId: number, fallback = "") => {
        const course = byId.get(courseId);
        return course ? courseTitle(course, language) : fallback;
      },
    };
  }, [courses, reload, language]);
  return <CoursesContext.Provider value={value}>{children}</CoursesContext.Provider>;
}

export function useCourses(): CoursesContextValue {
  const value = useContext(CoursesContext);
  if (!value) throw new Error("useCourses outside CoursesProvider");
  return value;
}
