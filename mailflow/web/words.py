"""The words of the web pages, in Russian and English (one table, so no page misses one)."""

from __future__ import annotations

from typing import Any

WORDS: dict[str, dict[str, str]] = {
    "site_title": {"ru": "Претензии", "en": "Claims"},
    "staff_login": {"ru": "Вход для сотрудников", "en": "Staff sign-in"},
    "customer_hint": {"ru": "Чтобы увидеть свою претензию, откройте ссылку из нашего письма.",
                      "en": "To see your claim, open the link in our email."},
    "not_found": {"ru": "Страница не найдена или ссылка больше не действует.",
                  "en": "Page not found, or the link is no longer valid."},
    "forbidden": {"ru": "Доступ запрещён.", "en": "Access denied."},
    "bad_request": {"ru": "Запрос не понят. Вернитесь назад и попробуйте ещё раз.",
                    "en": "The request could not be understood. Go back and try again."},
    "too_large": {"ru": "Слишком большой файл или запрос.",
                  "en": "The file or request is too large."},
    "too_many": {"ru": "Слишком много запросов. Попробуйте позже.",
                 "en": "Too many requests. Please try again later."},
    "error": {"ru": "Ошибка", "en": "Error"},
    "back_home": {"ru": "На главную", "en": "Home"},
    # customer page
    "claim_title": {"ru": "Претензия {number}", "en": "Claim {number}"},
    "other_language": {"ru": "English", "en": "Русский"},
    "status": {"ru": "Статус", "en": "Status"},
    "handled_by": {"ru": "Ответственный", "en": "Handled by"},
    "nobody_yet": {"ru": "Специалист будет назначен в ближайшее время.",
                   "en": "A specialist will be assigned shortly."},
    "answer_due": {"ru": "Письменный ответ не позднее", "en": "Written answer by"},
    "missing_title": {"ru": "Чтобы мы быстрее разобрались, пришлите, пожалуйста:",
                      "en": "To help us deal with your claim faster, please send:"},
    "timeline_title": {"ru": "Переписка", "en": "Messages"},
    "no_messages": {"ru": "Сообщений пока нет.", "en": "No messages yet."},
    "from_you": {"ru": "Вы", "en": "You"},
    "from_us": {"ru": "Отдел по работе с претензиями", "en": "Claims Department"},
    "files_sent": {"ru": "Вложения", "en": "Attachments"},
    "send_title": {"ru": "Дослать документы или написать нам",
                   "en": "Send documents or a message"},
    "message_label": {"ru": "Сообщение", "en": "Message"},
    "files_label": {"ru": "Файлы: фотографии, PDF, документы Word и Excel, текст "
                          "(не больше {count} файлов, каждый до {size})",
                    "en": "Files: photos, PDF, Word and Excel documents, text "
                          "(at most {count} files, each up to {size})"},
    "send_button": {"ru": "Отправить", "en": "Send"},
    "thanks": {"ru": "Спасибо! Мы получили ваше сообщение и добавили его к претензии.",
               "en": "Thank you! We have received your message and added it to your claim."},
    "closed_notice": {"ru": "Претензия закрыта, дополнить её здесь нельзя. Если вопрос для "
                            "вас не решён, ответьте на любое наше письмо по ней.",
                      "en": "This claim is closed and takes no more files here. If the "
                            "matter is still open for you, reply to any of our emails "
                            "about it."},
    "merged_notice": {"ru": "Ваша претензия {old} объединена с претензией {new}: мы "
                            "продолжаем работу по ней, вся переписка сохранена.",
                      "en": "Your claim {old} has been merged into claim {new}: we "
                            "continue under that number, and all messages have been kept."},
    "err_empty": {"ru": "Напишите сообщение или выберите файл.",
                  "en": "Write a message or choose a file."},
    "err_too_many": {"ru": "За один раз можно отправить не больше {count} файлов.",
                     "en": "You can send at most {count} files at a time."},
    "err_too_big": {"ru": "Файл «{name}» больше {size}; ничего не отправлено.",
                    "en": "The file “{name}” is larger than {size}; nothing was "
                          "sent."},
    "err_total": {"ru": "Файлы вместе слишком большие; отправьте их в несколько приёмов.",
                  "en": "The files together are too large; please send them in several "
                        "goes."},
    "err_type": {"ru": "Файл «{name}» не принят: можно отправлять фотографии (JPEG, PNG, GIF, "
                       "WebP, HEIC), PDF, документы Word и Excel и текстовые файлы. Ничего "
                       "не отправлено.",
                 "en": "The file “{name}” was not accepted: you can send photos "
                       "(JPEG, PNG, GIF, WebP, HEIC), PDF, Word and Excel documents and text "
                       "files. Nothing was sent."},
    "err_text_long": {"ru": "Сообщение слишком длинное: не больше {count} знаков.",
                      "en": "The message is too long: at most {count} characters."},
    "err_stale_form": {"ru": "Форма устарела. Обновите страницу и отправьте ещё раз.",
                       "en": "The form has expired. Reload the page and send again."},
    "err_not_accepted": {"ru": "Сообщение не удалось принять. Ответьте, пожалуйста, на наше "
                               "письмо.",
                         "en": "Your message could not be accepted. Please reply to our "
                               "email instead."},
    "upload_subject": {"ru": "Дополнение к претензии", "en": "More on my claim"},
    # end of customer page
}


def word(key: str, language: str, **values: Any) -> str:
    """The word `key` in `language` (English when the language lacks it), filled with values."""
    entry = WORDS[key]
    text = entry.get(language) or entry["en"]
    return text.format(**values) if values else text
