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
    "earlier_in_mail": {"ru": "Более ранние сообщения ({count}) — в вашей почте.",
                        "en": "Earlier messages ({count}) are in your mailbox."},
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
    # staff pages
    "earlier": {"ru": "← Более ранняя переписка и события",
                "en": "← Earlier messages and events"},
    "later": {"ru": "Более поздняя переписка и события →", "en": "Later messages and events →"},
    "mail_cut": {"ru": "Начало письма сотруднику; целиком оно в его почте.",
                 "en": "The start of mail to staff; the whole of it is in their mailbox."},
    "email_address": {"ru": "Адрес электронной почты", "en": "Email address"},
    "send_login_link": {"ru": "Прислать ссылку для входа", "en": "Send me a sign-in link"},
    "login_hint": {"ru": "Мы пришлём одноразовую ссылку для входа на ваш рабочий адрес.",
                   "en": "We will send a one-time sign-in link to your work address."},
    "login_sent": {"ru": "Если этот адрес принадлежит сотруднику отдела претензий, на него "
                         "отправлена ссылка для входа. Она действует {minutes} мин. и только "
                         "один раз.",
                   "en": "If this address belongs to a member of the claims team, a sign-in "
                         "link has been sent to it. It works for {minutes} minutes and only "
                         "once."},
    "login_confirm": {"ru": "Нажмите «Войти», чтобы открыть страницу претензий.",
                      "en": "Press \"Sign in\" to open the claims pages."},
    "sign_in": {"ru": "Войти", "en": "Sign in"},
    "sign_out": {"ru": "Выйти", "en": "Sign out"},
    "claims": {"ru": "Претензии", "en": "Claims"},
    "search": {"ru": "Найти", "en": "Search"},
    "search_hint": {"ru": "Номер, клиент, номер заказа, текст",
                    "en": "Number, customer, order number, text"},
    "any_status": {"ru": "Любой статус", "en": "Any status"},
    "any_category": {"ru": "Любая категория", "en": "Any category"},
    "anyone": {"ru": "Любой специалист", "en": "Any specialist"},
    "overdue_only": {"ru": "Только просроченные", "en": "Overdue only"},
    "sort_newest": {"ru": "Сначала новые", "en": "Newest first"},
    "sort_oldest": {"ru": "Сначала старые", "en": "Oldest first"},
    "sort_due": {"ru": "По сроку решения", "en": "By resolution date"},
    "sort_updated": {"ru": "Недавно изменённые", "en": "Recently changed"},
    "no_claims": {"ru": "Претензий не найдено.", "en": "No claims found."},
    "previous_page": {"ru": "← Назад", "en": "← Previous"},
    "next_page": {"ru": "Дальше →", "en": "Next →"},
    "page_n": {"ru": "Страница {page}", "en": "Page {page}"},
    "number": {"ru": "Номер", "en": "Number"},
    "customer": {"ru": "Клиент", "en": "Customer"},
    "subject": {"ru": "Тема", "en": "Subject"},
    "specialist": {"ru": "Специалист", "en": "Specialist"},
    "category": {"ru": "Категория", "en": "Category"},
    "priority": {"ru": "Приоритет", "en": "Priority"},
    "received": {"ru": "Получена", "en": "Received"},
    "due": {"ru": "Срок решения", "en": "Resolution due"},
    "overdue": {"ru": "просрочена", "en": "overdue"},
    "deadlines": {"ru": "Сроки", "en": "Deadlines"},
    "deadline_first_response": {"ru": "Первый ответ", "en": "First response"},
    "deadline_resolution": {"ru": "Решение", "en": "Resolution"},
    "deadline_hard_limit": {"ru": "Предельный срок", "en": "Hard limit"},
    "deadline_paused_since": {"ru": "Приостановлено с", "en": "Paused since"},
    "first_response_at": {"ru": "Первый ответ дан", "en": "First answered"},
    "fields": {"ru": "Данные из писем", "en": "Details read from the mail"},
    "missing": {"ru": "Не хватает", "en": "Still missing"},
    "outcome": {"ru": "Решение", "en": "Outcome"},
    "related_claim": {"ru": "Связана с", "en": "Related to"},
    "compensation": {"ru": "Компенсация", "en": "Compensation"},
    "cause": {"ru": "Причина", "en": "Cause"},
    "rating": {"ru": "Оценка клиента", "en": "Customer's rating"},
    "merged_into": {"ru": "Объединена с", "en": "Merged into"},
    "messages": {"ru": "Переписка", "en": "Messages"},
    "from": {"ru": "От", "en": "From"},
    "to": {"ru": "Кому", "en": "To"},
    "attachments": {"ru": "Вложения", "en": "Attachments"},
    "events": {"ru": "События", "en": "Events"},
    "notes": {"ru": "Заметки", "en": "Notes"},
    "reminders_sent": {"ru": "Отправленные напоминания", "en": "Reminders sent"},
    "none": {"ru": "нет", "en": "none"},
    "actions": {"ru": "Действия", "en": "Actions"},
    "change_status": {"ru": "Изменить статус", "en": "Change status"},
    "note_for_customer": {"ru": "Пояснение для клиента (необязательно)",
                          "en": "Note for the customer (optional)"},
    "assign_to": {"ru": "Передать", "en": "Assign to"},
    "set_category": {"ru": "Сменить категорию", "en": "Set category"},
    "set_priority": {"ru": "Сменить приоритет", "en": "Set priority"},
    "add_note": {"ru": "Внутренняя заметка (клиенту не отправляется)",
                 "en": "Internal note (never sent to the customer)"},
    "reply_customer": {"ru": "Ответ клиенту (уходит письмом от адреса претензий)",
                       "en": "Answer to the customer (sent by mail from the claims address)"},
    "save": {"ru": "Сохранить", "en": "Save"},
    "send": {"ru": "Отправить", "en": "Send"},
    "done": {"ru": "Готово: изменения сохранены.", "en": "Done: the change was saved."},
    "empty_text": {"ru": "Текст пустой.", "en": "The text is empty."},
    "language": {"ru": "English", "en": "Русский"},
}


def word(key: str, language: str, **values: Any) -> str:
    """The word `key` in `language` (English when the language lacks it), filled with values."""
    entry = WORDS[key]
    text = entry.get(language) or entry["en"]
    return text.format(**values) if values else text
