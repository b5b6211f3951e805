import { useTranslation } from "react-i18next";
import { useApiQuery } from "../../../api/queries";
import type { Course } from "../trainingTypes";

export function courseTitle(course: Pick<Course, "titleFr" | "titleEn">, language: string): string {
  return language === "en" ? course.titleEn : course.titleFr;
}

/**
 * The catalogue, inactive courses included (a few dozen rows at most), shared by every training
 * screen through the query cache. `titleOf`: a course's title in the interface language. Rows from
 * the server carry the title in the language the account had when they were read; this follows
 * the switch at once.
 */
export function useCourses() {
  const { i18n } = useTranslation();
  const courses = useApiQuery("courses.list", { includeInactive: true }).data ?? null;
  const titleOf = (courseId: number, fallback = ""): string => {
    const course = courses?.find((c) => c.id === courseId);
    return course ? courseTitle(course, i18n.language) : fallback;
  };
  return { courses, titleOf };
}
