import type { TFunction } from "i18next";
import type { Course } from "../trainingTypes";

export function durationLabel(t: TFunction, course: Pick<Course, "durationValue" | "durationUnit">): string {
  return course.durationUnit === "days" ? t("training.duration.days", { count: course.durationValue }) : t("training.duration.hours", { count: course.durationValue });
}

export function languagesLabel(course: Pick<Course, "languages">): string {
  return course.languages.map((language) => language.toUpperCase()).join(" · ");
}
