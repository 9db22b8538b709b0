# ruff: noqa: E501
"""Letters of the fifth batch: hand-written claim letters with their expected fields."""

from build import D, G, J, L, P, X

LETTERS = [
L("ru", "shortage", "УПД number as the invoice, 'шт.' and counts in a list",
  "Снабжение Детсад №12 <ds12.snab@mail.ru>", "Недопоставка по УПД № 445", """
Здравствуйте!

По УПД № 445 от 26.11.2026 получено меньше, чем оплачено:
полотенца махровые 70х140 — оплачено 60 шт., получено 48 шт.;
подушки Fibre 50х70 — оплачено 30 шт., получено 30 шт.

Просим допоставить 12 полотенец по адресу: г. Киров, ул. Воровского, 77, детский сад № 12.
Завхоз Лапина Т.М., 8 (8332) 41-22-33
""", invoice_number="445", product_name="полотенца махровые 70х140", unit="pcs", quantity_ordered="60", quantity_received="48",
  location="г. Киров, ул. Воровского, 77, детский сад № 12", grounds="получено меньше, чем оплачено",
  demand="delivery_of_missing", delivery_date="2026-11-26", phone="+78332412233"),

L("en", "damage", "order number only in the photo file names",
  "Hugo Lambert <hugo.lambert@gmail.com>", "Broken plates", """
Hello, the plate set came with 5 plates broken and the box torn on one side. Photos attached. I'd like a refund of 42 EUR.
Hugo
""", att=[J("71-7002_box.jpg"), J("71-7002_plates.jpg")],
  order_number="71-7002", product_name="plate set", grounds="came with 5 plates broken and the box torn on one side",
  demand="refund", amount="42.00", currency="EUR"),

L("ru", "delay", "amount in dollars written in Russian",
  "Рустам Алиев <rustam.aliev@gmail.com>", "Задержка заказа 77-3515", """
Добрый день! Заказ 77-3515 (смартфон Xiaomi Redmi Note 12 128GB) оплачен 16 ноября, обещали доставку за 7 дней. Прошло две недели. Прошу вернуть деньги — 230 долларов, платил с долларовой карты.
Рустам, +7 701 123 45 67
""", order_number="77-3515", product_name="смартфон Xiaomi Redmi Note 12 128GB", purchase_date="2026-11-16",
  grounds="обещали доставку за 7 дней. Прошло две недели", demand="refund", amount="230.00", currency="USD",
  phone="+77011234567"),

L("ru", "defect", "windows-1251 HTML-only with table of defects",
  "ООО Кухни-Про <info@kuhni-pro.ru>", "Рекламация по счёту СФ-6890", """
<html><head><meta charset="windows-1251"></head><body><p>Добрый день.</p><p>Рекламация по счёту СФ-6890:</p>
<table border="1"><tr><th>Товар</th><th>Кол-во</th><th>Дефект</th></tr>
<tr><td>Набор ножей Bekker BK-KN05</td><td>10 компл.</td><td>ржавчина на лезвиях после мойки</td></tr></table>
<p>Просим заменить все 10 комплектов.</p><p>Менеджер Сафина Л., 8 (843) 200-33-44</p></body></html>
""", html=True, cs="windows-1251",
  invoice_number="СФ-6890", product_name="Набор ножей Bekker BK-KN05", product_sku="BK-KN05", quantity="10", unit="set",
  grounds="ржавчина на лезвиях после мойки", demand="replacement", phone="+78432003344"),

L("en", "shortage", "terse, 'pcs' and 'x' notation",
  "Bob Harris <bob@harrisgarage.com>", "Order 40-8100 short", """
CR-OIL5 x12 ordered, 10 pcs arrived. Send 2. Bob, Harris Garage, 12 Main St, Dayton. 937-555-0143
""", order_number="40-8100", product_sku="CR-OIL5", unit="pcs", quantity_ordered="12", quantity_received="10",
  location="Harris Garage, 12 Main St, Dayton", grounds="x12 ordered, 10 pcs arrived", demand="delivery_of_missing",
  phone="+19375550143"),

L("ru", "wrong_item", "transliteration with Cyrillic product name mixed in",
  "Artem <artem.kozlov@bk.ru>", "ne tot tovar", """
Privet. Zakazyval "Грунт универсальный 50 л", 3 meshka, a privezli torf. Zakaz 88-5301. Pomenyaite pozhaluista. Artem 8 915 900 80 70
""", order_number="88-5301", product_name="Грунт универсальный 50 л", quantity="3", unit="pcs",
  grounds="a privezli torf", demand="replacement", phone="+79159008070"),

L("en", "delay", "rambling, restaurant opening, contract and penalty",
  "Chef Antonio <antonio@trattoria-luca.com>", "Kitchen equipment not delivered - our opening is at risk", """
Dear Mailflow team,

We signed supply contract TL-2026-11 with you on 2 November for the kitchen equipment for our new restaurant, including 2 De'Longhi EC685 coffee machines and 6 Tefal Natura cookware sets. Delivery was agreed for 24 November at the latest, because our opening is on 5 December.

Today is 1 December and nothing has arrived. Your sales manager does not answer his phone. We have staff training booked for 3 December and cannot run it without the equipment.

If the goods are not delivered by 3 December we will cancel the contract and claim the deposit back (USD 1,850.00) plus our extra costs.

Antonio Luca
Trattoria Luca, 210 Bay St, San Francisco
+1 415 555 0132
""", contract_number="TL-2026-11", product_name=["De'Longhi EC685 coffee machines", "Tefal Natura cookware sets"],
  quantity=["2", "6"], unit=["pcs", "set"], location="Trattoria Luca, 210 Bay St, San Francisco",
  grounds="Delivery was agreed for 24 November at the latest, nothing has arrived", demand=["refund", "compensation"],
  amount="1850.00", currency="USD", phone="+14155550132"),

L("ru", "service", "promised callback never came, HTML-only short",
  "Лилия <liliya.garipova@mail.ru>", "Мне так и не перезвонили", """
<div>Здравствуйте! 27.11 оставляла заявку на обратный звонок по заказу 91-5120, обещали перезвонить в течение часа. Прошло 4 дня. Жду звонка: 8 917 345 67 89.</div>
""", html=True,
  order_number="91-5120", grounds="обещали перезвонить в течение часа. Прошло 4 дня", phone="+79173456789"),

L("en", "defect", "terse, phone in E.164 already",
  "Sven Larsen <sven.larsen@gmail.com>", "kettle leaking", """
Vitek VT-7005 leaks from the base after 2 weeks. Order 71-8820. Refund 35 EUR. +4791234567
""", order_number="71-8820", product_name="Vitek VT-7005", product_sku="VT-7005", grounds="leaks from the base after 2 weeks",
  demand="refund", amount="35.00", currency="EUR", phone="+4791234567"),

L("ru", "damage", "Outlook Russian forward of the driver's act; new text short but complete",
  "Приёмка ООО Лента-Сервис <priemka@lenta-servis.ru>", "FW: акт", """
Добрый день. Пересылаем акт водителя. По ТН-12560 повреждены 5 упаковок плитки Kerama Marazzi 30х60 (сколы, трещины). Товар на складе в Твери, Московское ш., 8. Просим замену.

От: Водитель Кузьмин [mailto:kuzmin.driver@mail.ru]
Отправлено: 1 декабря 2026 г. 11:02
Кому: priemka@lenta-servis.ru
Тема: акт

акт во вложении, 5 упак бой
""", att=[J("akt_voditelya.jpg")],
  waybill_number="ТН-12560", product_name="плитки Kerama Marazzi 30х60", quantity="5", unit="pack",
  location="на складе в Твери, Московское ш., 8", grounds="сколы, трещины", demand="replacement"),

L("en", "wrong_item", "HTML-only, SKUs in text, two items swapped",
  "Emily Stone <emily.stone@gmail.com>", "Items swapped in order 82-6011", """
<p>Hello,</p><p>In order 82-6011 I ordered <b>TX-TWL70</b> (bath towel 70x140) x4 and <b>TX-PL50</b> (pillow 50x70) x2. I received 4 pillows and 2 towels. Could you send 2 more towels and collect 2 pillows?</p><p>Emily Stone, 07912 778899</p>
""", html=True,
  order_number="82-6011", product_name=["bath towel 70x140", "pillow 50x70"], product_sku=["TX-TWL70", "TX-PL50"],
  quantity=["4", "2"], unit=["pcs", "pcs"], grounds="I received 4 pillows and 2 towels", demand="replacement",
  phone="+447912778899"),

L("ru", "shortage", "koi8-r, short, 'кг' with comma",
  "Зоолавка <zoolavka@rambler.ru>", "недовес наполнителя", """
Накладная 2390 от 30.11: наполнитель древесный, по накладной 100 кг, по весам 92,4 кг. Прошу перерасчет.
""", cs="koi8-r",
  waybill_number="2390", product_name="наполнитель древесный", unit="kg", quantity_ordered="100", quantity_received="92.4",
  grounds="по накладной 100 кг, по весам 92,4 кг", demand="price_reduction", delivery_date="2026-11-30"),

L("ru", "other", "asks about loyalty points not credited",
  "Марина Кравец <marina.kravets@yandex.ru>", "Не начислены баллы", """
Здравствуйте. За заказ 77-4433 на 12 400 руб. не начислили бонусные баллы, хотя в акции было написано 10%. Прошу начислить.
""", order_number="77-4433", grounds="не начислили бонусные баллы, хотя в акции было написано 10%"),

L("en", "damage", "rambling, pallet delivery to a school, two docs",
  "Facilities <facilities@stmarys-school.org.uk>", "Damaged shelving units - delivery note DN 55-9021", """
Good afternoon,

We took delivery of 12 metal shelving units (5 shelves) this morning on delivery note DN 55-9021. The pallet had clearly been dropped: four of the boxes are crushed at one end, and inside the uprights are bent and several shelves have their corners folded. Our caretaker noted "4 boxes damaged" on the driver's copy.

The goods are in the school hall at St Mary's School, Church Lane, Bath. We need the four units replaced before term ends on 18 December.

Signed delivery note and our photos attached.

Kind regards,
Mrs P. Wood, Business Manager
01225 960 321
""", att=[P("DN_55-9021_signed.pdf", "Delivery note DN 55-9021", "SB-SHELF5 Metal shelving 5 shelves  12 pcs", "Remark: 4 boxes damaged"),
         J("hall_1.jpg"), J("hall_2.jpg")],
  waybill_number="DN 55-9021", product_name="metal shelving units (5 shelves)", product_sku="SB-SHELF5", quantity="4", unit="pcs",
  location="in the school hall at St Mary's School, Church Lane, Bath",
  grounds="four of the boxes are crushed at one end, the uprights are bent and several shelves have their corners folded",
  demand="replacement"),

L("ru", "delay", "terse, ISO date, order from subject",
  "Борис <boris.n@mail.ru>", "Заказ 88-6630 — сроки", """
Срок доставки 2026-11-27. Сегодня 1 декабря. Жду ответа.
""", order_number="88-6630", grounds="Срок доставки 2026-11-27. Сегодня 1 декабря"),

L("en", "service", "installer damaged the floor during installation",
  "Rachel Green <rachel.green@gmail.com>", "Your installer scratched my floor", """
Hi,

Your installer came on 28 November to install the Indesit washing machine (order 82-7330). He dragged the machine across our new oak floor and left a 1.5 m scratch. He said it was "already there". It wasn't - the floor was laid a week ago.

I'm attaching photos and the flooring company's quote for the repair (£240.00). I expect you to cover it.

Rachel Green
07912 334455
""", att=[J("floor1.jpg"), J("floor2.jpg"), P("repair_quote.pdf", "Oakline Floors Ltd", "Quote Q-1187", "Repair of scratch 1.5 m oak floor", "Total GBP 240.00")],
  order_number="82-7330", product_name="Indesit washing machine", delivery_date="2026-11-28",
  grounds="He dragged the machine across our new oak floor and left a 1.5 m scratch", demand="compensation",
  amount="240.00", currency="GBP", phone="+447912334455"),

L("ru", "defect", "rambling, translit, mattress",
  "Elena V. <elena.vorobyova@gmail.com>", "matras", """
Zdravstvuite! Kupila u vas matras Ormatek 160h200 v nachale noyabrya (zakaz 91-6780), i uzhe cherez 3 nedeli na nem poyavilis' vmyatiny ot tela, pruzhiny chuvstvuyutsya bokami. Ya ochen' razocharovana, za takie den'gi (24 990 rub) ozhidala luchshego. Proshu zamenit' matras ili vernut' den'gi.
Elena Vorob'eva, 8 (916) 777-66-55
""", order_number="91-6780", product_name="matras Ormatek 160h200",
  grounds="cherez 3 nedeli poyavilis' vmyatiny ot tela, pruzhiny chuvstvuyutsya bokami", demand=["replacement", "refund"],
  amount="24990.00", currency="RUB", phone="+79167776655"),

L("ru", "shortage", "several products with units кг and упак., waybill in PDF with Latin text",
  "Кафе Самовар <samovar.cafe@mail.ru>", "Недостача по накладной", """
Добрый день. По приложенной накладной не хватает: кофе Lavazza — заказано 6 кг, пришло 4 кг; чай Greenfield — заказано 10 упак., пришло 8 упак. Довезите, пожалуйста, в кафе: Суздаль, ул. Ленина, 63.
Администратор Ирина, 8 (49231) 2-11-22
""", att=[P("TN-12702.pdf", "Waybill TN-12702", "CF-BEANS1 Lavazza Qualita Oro 1 kg  6", "TE-GRN100 Greenfield 100 bags  10")],
  waybill_number="TN-12702", product_name=["кофе Lavazza", "чай Greenfield"], product_sku=["CF-BEANS1", "TE-GRN100"], unit=["kg", "pack"],
  quantity_ordered=["6", "10"], quantity_received=["4", "8"], location="кафе: Суздаль, ул. Ленина, 63",
  grounds="не хватает", demand="delivery_of_missing", phone="+74923121122"),

L("en", "defect", "Gmail quote of our question, answers between quotes",
  "Tom Harper <tom.harper@gmail.com>", "Re: Questions about your claim", """
On Tue, 1 Dec 2026 at 11:00, Mailflow Claims <claims@mailflow-shop.com> wrote:
> 1. What is your order number?

82-8123

> 2. When did you buy it?

14 November 2026

> 3. What is the problem?

The Gauss bulbs (pack of 10) - half of them buzz loudly when switched on.

> 4. What would you like?

Replacement.
""", order_number="82-8123", product_name="Gauss bulbs", quantity="10", unit="pcs", purchase_date="2026-11-14",
  grounds="half of them buzz loudly when switched on", demand="replacement"),

L("ru", "wrong_item", "several items, order in subject, contract in body",
  "Отдел снабжения Школа 5 <school5.snab@edu.ru>", "Пересорт по заказу ЗК-72011", """
Добрый день. Поставка по контракту № 0312-26 (заказ ЗК-72011): вместо бумаги SvetoCopy A4 (50 пачек) пришла бумага A3, вместо папок-регистраторов 80 мм (30 шт.) — 50 мм. Просим заменить. Школа № 5, г. Ковров, ул. Абельмана, 12.
Смирнова О.П., 8 (49232) 3-44-55
""", order_number="ЗК-72011", contract_number="0312-26", product_name=["бумаги SvetoCopy A4", "папок-регистраторов 80 мм"],
  quantity=["50", "30"], unit=["pack", "pcs"], location="Школа № 5, г. Ковров, ул. Абельмана, 12",
  grounds="пришла бумага A3; пришли 50 мм", demand="replacement", phone="+74923234455"),

L("en", "other", "asks for a discount on a bulk order, not a claim",
  "Purchasing <purchasing@ridgewayhotels.com>", "Bulk pricing for pillows", """
Hello, we bought 50 Fibre pillows last month (order 40-9011) and want 300 more. Can you offer a bulk discount? Please call +1 305 555 0114.
""", order_number="40-9011", product_name="Fibre pillows", grounds="Can you offer a bulk discount", phone="+13055550114"),

L("ru", "damage", "amount 'тыс.р.' and photos PNG, terse",
  "Эльдар <eldar.m@mail.ru>", "Помята стиралка", """
Стиральная машина Indesit, заказ 88-7401, привезли с вмятиной на крышке и оторванным шлангом. Прошу скидку 3 тыс.р. или замену.
""", att=[G("vmyatina.png")],
  order_number="88-7401", product_name="Стиральная машина Indesit", grounds="привезли с вмятиной на крышке и оторванным шлангом",
  demand=["price_reduction", "replacement"], amount="3000.00", currency="RUB"),

L("ru", "delay", "HTML-only, Mail.ru quote of our promise below",
  "Анастасия <nastya.frolova@mail.ru>", "Re: Новая дата доставки", """
<div>Вы опять не привезли. Заказ 91-7010, набор тарелок Luminarc. Это уже третий перенос. Отменяйте, деньги 2 490 руб. на карту.</div><div><br></div><div>Понедельник, 30 ноября 2026, 18:00 +03:00 от Mailflow Shop &lt;orders@mailflow-shop.ru&gt;:<blockquote>Новая дата доставки вашего заказа: 01.12.2026.</blockquote></div>
""", html=True,
  order_number="91-7010", product_name="набор тарелок Luminarc", grounds="опять не привезли. Это уже третий перенос",
  demand="refund", amount="2490.00", currency="RUB"),

L("en", "shortage", "rambling, party supplies, napkins",
  "Jess Morgan <jess.morgan@gmail.com>", "Napkins missing for the wedding!", """
Hi!!

I ordered 20 packs of paper napkins for my sister's wedding this Saturday (order 82-9055). The box arrived today and there are only 12 packs in it. The packing slip says 20. I've checked the box three times!

Please please send the other 8 packs before Friday. Address is 3 Rose Cottages, Ludlow.

Jess
07912 556677
""", order_number="82-9055", product_name="paper napkins", unit="pack", quantity_ordered="20", quantity_received="12",
  location="3 Rose Cottages, Ludlow", grounds="there are only 12 packs in it. The packing slip says 20",
  demand="delivery_of_missing", phone="+447912556677"),

L("ru", "defect", "defect found by a service centre, DOCX conclusion",
  "Алексей Морозов <a.morozov@gmail.com>", "Заключение сервисного центра", """
Здравствуйте. Сервисный центр подтвердил заводской брак телевизора Samsung UE43AU7100 (заказ 77-5600, куплен 01.11.2026): выход из строя блока питания. Заключение прилагаю. Прошу вернуть 32 490 руб.
Алексей, 8 903 500 40 30
""", att=[D("Заключение_СЦ_4471.docx", "Техническое заключение № 4471", "Телевизор Samsung UE43AU7100", "Неисправность: блок питания. Дефект производственный.")],
  order_number="77-5600", product_name="телевизора Samsung UE43AU7100", product_sku="UE43AU7100", purchase_date="2026-11-01",
  grounds="выход из строя блока питания", demand="refund", amount="32490.00", currency="RUB", phone="+79035004030"),

L("en", "delay", "terse, SKU only, phone Irish",
  "Conor Walsh <conor.walsh@gmail.com>", "GD-HOSE25 not arrived", """
Hose GD-HOSE25, order 71-9920, due 26/11, not arrived. 087 765 4321
""", order_number="71-9920", product_sku="GD-HOSE25", grounds="due 26/11, not arrived", phone="+353877654321"),

L("ru", "service", "complaint about a pickup point's opening hours and staff",
  "Игорь Седов <igor.sedov@yandex.ru>", "Пункт выдачи закрыт в рабочее время", """
Добрый день. Пункт выдачи на ул. Карла Маркса, 15 (Самара) дважды — 28 и 29 ноября — был закрыт в рабочие часы, на двери записка «скоро буду». Заказ 91-8020 лежит там, срок хранения заканчивается. Прошу продлить хранение и разобраться с пунктом.
""", order_number="91-8020", location="Пункт выдачи на ул. Карла Маркса, 15 (Самара)",
  grounds="дважды был закрыт в рабочие часы"),

L("en", "damage", "terse, amount '€45,-' style",
  "Pieter Jansen <pieter.jansen@kpnmail.nl>", "Thermos dented", """
Thermos from order 71-1110 arrived dented, lid doesn't close. Refund €24,- please.
""", order_number="71-1110", product_name="Thermos", grounds="arrived dented, lid doesn't close", demand="refund",
  amount="24.00", currency="EUR"),

L("ru", "wrong_item", "photo of label, article from the label in body",
  "Наиль <nail.s@mail.ru>", "Прислали не тот шуруповёрт", """
Заказывал Bosch GSR 120-LI (арт. BO-GSR120), пришёл Bosch GSB 120 — ударный, другой комплектации. Заказ 77-6611. Фото этикетки во вложении. Прошу заменить на заказанный.
Наиль, 8 937 000 11 22
""", att=[J("etiketka.jpg")],
  order_number="77-6611", product_name="Bosch GSR 120-LI", product_sku="BO-GSR120",
  grounds="пришёл Bosch GSB 120 — ударный, другой комплектации", demand="replacement", phone="+79370001122"),

L("ru", "shortage", "HTML-only, short, several cartons",
  "Склад ИП Волков <volkov.sklad@mail.ru>", "ТН-12800 недостача", """
<p>ТН-12800: мест по накладной 12, принято 11. Не хватает коробки с картриджами HP CF244A (10 шт.). Просим довезти. Склад: Орёл, ул. Московская, 155.</p>
""", html=True,
  waybill_number="ТН-12800", product_name="картриджами HP CF244A", quantity="10", unit="pcs", quantity_ordered="12", quantity_received="11",
  location="Склад: Орёл, ул. Московская, 155", grounds="мест по накладной 12, принято 11", demand="delivery_of_missing"),

L("en", "defect", "rambling, LEGO set with wrong/defective pieces",
  "Sarah Collins <sarah.collins@gmail.com>", "LEGO set - pieces cracked", """
Hello,

My son and I spent Saturday building the LEGO City 60337 train set (order 60-4501, bought 18 November). About halfway through we found that several of the pieces in bag 6 are cracked - three of the curved track pieces have hairline splits and one snapped when he pressed it on. We haven't been rough with it.

Could you send replacement track pieces? If LEGO won't supply them through you, then a replacement set.

Thanks,
Sarah
""", order_number="60-4501", product_name="LEGO City 60337 train set", product_sku="60337", purchase_date="2026-11-18",
  grounds="three of the curved track pieces have hairline splits and one snapped", demand="replacement"),

L("ru", "damage", "windows-1251, several products damaged, amount total",
  "Светлана Кудрявцева <kudryavceva.s@mail.ru>", "Бой при доставке заказа 88-8123", """
Здравствуйте! В заказе 88-8123 при доставке разбиты: набор тарелок Luminarc (6 тарелок из 24) и стеклянная крышка сковороды Tefal. Коробка была мятая, курьер сказал «так и было». Прошу вернуть 1 650 руб. за разбитое.
Светлана, 8 (902) 123-45-67
""", cs="windows-1251",
  order_number="88-8123", product_name=["набор тарелок Luminarc", "сковороды Tefal"],
  grounds="разбиты 6 тарелок из 24 и стеклянная крышка сковороды", demand="refund", amount="1650.00", currency="RUB",
  phone="+79021234567"),

L("en", "wrong_item", "terse, invoice only in PDF",
  "Accounts <accounts@bluefinfoods.com.au>", "Wrong product on invoice attached", """
We were sent green tea instead of the coffee beans on the attached invoice. Please exchange.
""", att=[P("INV-568200.pdf", "Invoice INV-568200", "CF-BEANS1 Lavazza Qualita Oro 1 kg  8 pcs")],
  invoice_number="INV-568200", product_name="coffee beans", product_sku="CF-BEANS1", quantity="8", unit="pcs", grounds="We were sent green tea instead of the coffee beans",
  demand="replacement"),

L("ru", "defect", "quality: paper jams, 'пачек' unit pack",
  "Офис-менеджер <office@yurfirma-pravo.ru>", "Бумага плохого качества", """
Добрый день. Бумага SvetoCopy A4 по заказу 77-7230 (20 пачек) постоянно заминается в принтере, листы волнистые и сырые. Другая бумага идёт нормально. Прошу заменить партию.
Офис-менеджер Дина, +7 (495) 111-22-33
""", order_number="77-7230", product_name="Бумага SvetoCopy A4", quantity="20", unit="pack",
  grounds="постоянно заминается в принтере, листы волнистые и сырые", demand="replacement", phone="+74951112233"),

L("ru", "delay", "transliteration, forwarded tracking, new text carries facts",
  "Olga P. <olga.petrenko@gmail.com>", "Fwd: tracking", """
Zdravstvuite. Peresylayu vam trek. Zakaz 91-9230 stoit v Ekaterinburge s 21 noyabrya, status ne menyaetsya. Pomogite razobratsya.
Olga, +7 912 600 70 80

---------- Forwarded message ---------
From: Pochta Rossii <noreply@pochta.ru>
Subject: Otslezhivanie 80091234567890

Pribylo v sortirovochnyi centr Ekaterinburg, 21.11.2026.
""", order_number="91-9230", grounds="stoit v Ekaterinburge s 21 noyabrya, status ne menyaetsya", phone="+79126007080"),

L("en", "shortage", "XLSX with quantities in boxes; body gives invoice and demand",
  "Store 14 <store14@freshmart.co.uk>", "Delivery shortfall INV-568450", """
Hi, shortfall on INV-568450, details in the sheet. Please send the balance to Store 14, 88 High St, Luton, and credit the delivery charge.
""", att=[X("shortfall_INV-568450.xlsx", ("SKU", "Item", "Ordered (boxes)", "Received (boxes)"),
             ("WT-AQ19", "Aqua water 19 l", 30, 24), ("CH-NAPK", "Paper napkins", 40, 40))],
  invoice_number="INV-568450", product_name="Aqua water 19 l", product_sku="WT-AQ19", unit="box",
  quantity_ordered="30", quantity_received="24", location="Store 14, 88 High St, Luton", grounds="shortfall",
  demand=["delivery_of_missing", "compensation"]),

L("ru", "other", "feedback about a courier who was very good (not a claim)",
  "Галина Ивановна <g.i.sorokina@mail.ru>", "Благодарность курьеру", """
Здравствуйте! Хочу поблагодарить курьера Андрея, который привёз заказ 88-9002 и помог поднять холодильник на 5 этаж без лифта. Пожалуйста, поощрите его.
""", order_number="88-9002", grounds="помог поднять холодильник на 5 этаж без лифта"),

L("en", "service", "charged for return shipping that should be free",
  "Amir Haddad <amir.haddad@gmail.com>", "Return label charged", """
Hello, I returned a faulty kettle (order 60-5590). Your policy says returns of faulty goods are free, but £6.95 was deducted from my refund for the label. Please refund the £6.95.
Amir
""", order_number="60-5590", product_name="kettle", grounds="£6.95 was deducted from my refund for the label",
  demand="refund", amount="6.95", currency="GBP"),

L("ru", "shortage", "rambling, set with missing parts and missing box, two shortages",
  "Ирина Сергеевна <irina.s.bogdanova@yandex.ru>", "Недокомплект заказа 91-9410", """
Здравствуйте!

Получила сегодня заказ 91-9410. Заказывала два стеллажа металлических по 5 полок и комод Мальм. Привезли: один стеллаж (второй курьер сказал «не влез в машину, довезём потом» — и никто не довёз), а в коробке комода нет пакета с ручками и шурупами, собрать не можем.

Прошу довезти второй стеллаж и фурнитуру к комоду. Адрес: г. Владимир, ул. Горького, 50, кв. 21.

Ирина Сергеевна Богданова, 8 (915) 760-50-40
""", order_number="91-9410", product_name=["стеллажа металлических по 5 полок", "комод Мальм"],
  quantity_ordered=["2"], quantity_received=["1"], location="г. Владимир, ул. Горького, 50, кв. 21",
  grounds="второй стеллаж не довезли, в коробке комода нет пакета с ручками и шурупами",
  demand="delivery_of_missing", phone="+79157605040"),

L("en", "damage", "HTML-only from Outlook with signature and disclaimer",
  "Mark Evans <mark.evans@evansproperty.co.uk>", "Damaged items - order 82-9980", """
<html><body><p>Hi,</p><p>Two of the eight office chairs (Buerokrat CH-868) from order 82-9980 arrived with broken armrests and torn upholstery. The boxes were visibly crushed. They&#39;re in our office at 20 Queen St, Cardiff. Please replace the two chairs.</p>
<p>Mark Evans<br>Evans Property Ltd<br>029 2096 0123</p>
<p style="font-size:8pt;color:gray">This email and any attachments are confidential and intended solely for the addressee.</p></body></html>
""", html=True,
  order_number="82-9980", product_name="office chairs (Buerokrat CH-868)", quantity="8", unit="pcs",
  location="our office at 20 Queen St, Cardiff", grounds="arrived with broken armrests and torn upholstery",
  demand="replacement", phone="+442920960123"),

L("ru", "defect", "koi8-r, terse, purchase date in words",
  "Пётр Ильич <p.i.volkov@rambler.ru>", "термос не держит тепло", """
Термос Thermos 0,5 л купил пятого ноября, заказ 77-8844. Чай остывает за час. Верните деньги.
""", cs="koi8-r",
  order_number="77-8844", product_name="Термос Thermos 0,5 л", purchase_date="2026-11-05",
  grounds="Чай остывает за час", demand="refund"),

L("ru", "wrong_item", "HTML-only with quote of our confirmation listing the right item",
  "Вероника <veronika.t@gmail.com>", "Re: Подтверждение заказа 88-9230", """
<div>Пришёл коврик для йоги зелёный, а я заказывала фиолетовый. Поменяйте, пожалуйста.</div><div><br></div><div class="gmail_quote"><div class="gmail_attr">ср, 25 нояб. 2026 г. в 11:20, Mailflow Shop &lt;orders@mailflow-shop.ru&gt;:<br></div><blockquote class="gmail_quote">Заказ 88-9230: Коврик для йоги 183x61, фиолетовый — 1 шт.</blockquote></div>
""", html=True,
  order_number="88-9230", product_name="коврик для йоги", grounds="Пришёл коврик для йоги зелёный, а я заказывала фиолетовый", demand="replacement"),

L("en", "delay", "B2B, waybill given by carrier, no delivery",
  "Logistics <logistics@nordicbuild.se>", "Consignment WB-224500 not delivered", """
Hello, consignment WB-224500 (80 bags Knauf Rotband, our order 40-9980) was due at our Gothenburg site on 26 November. The carrier says it's "with the sender". Please confirm dispatch. Site: Lindholmen, Gothenburg. Contact +46 70 123 45 67.
""", waybill_number="WB-224500", order_number="40-9980", product_name="Knauf Rotband", quantity="80", unit="pcs",
  location="Lindholmen, Gothenburg", grounds="was due on 26 November. The carrier says it's with the sender",
  phone="+46701234567"),

L("ru", "service", "warranty refused by the shop's service desk",
  "Дмитрий Лазарев <d.lazarev@mail.ru>", "Отказ в гарантийном ремонте", """
Здравствуйте. В вашем сервисном пункте мне отказали в гарантийном ремонте блендера Braun MQ 5137 (заказ 91-1190, куплен 10.10.2026), сказав, что «нет коробки». Закон не требует коробку для гарантии. Прошу принять блендер в ремонт.
Дмитрий, +7 925 101 20 30
""", order_number="91-1190", product_name="блендера Braun MQ 5137", purchase_date="2026-10-10",
  grounds="отказали в гарантийном ремонте, сказав, что нет коробки", demand="repair", phone="+79251012030"),

L("ru", "delay", "contract, windows-1251, penalty calc with kopecks",
  "Юротдел ООО Агропром <urist@agroprom-tmb.ru>", "Претензия о просрочке поставки", """
Уважаемые господа!

По договору поставки № АП-77/26 от 15.10.2026 товар (шланг поливочный Gardena 25 м, 150 шт.) подлежал поставке до 16.11.2026. Товар не поставлен. В соответствии с п. 7.1 договора начислена неустойка 0,1% за каждый день просрочки, что на 01.12.2026 составляет 5 842,50 руб.

Требуем поставить товар и уплатить неустойку.

Юрисконсульт Ракитина М.В.
8 (4752) 72-10-10
""", cs="windows-1251",
  contract_number="АП-77/26", product_name="шланг поливочный Gardena 25 м", quantity="150", unit="pcs",
  grounds="товар подлежал поставке до 16.11.2026. Товар не поставлен", demand="compensation",
  amount="5842.50", currency="RUB", phone="+74752721010"),

L("en", "other", "gift receipt request, not a claim",
  "Nina Patel <nina.patel@gmail.com>", "Gift receipt", """
Hi, could you email me a gift receipt for order 60-6601 (the JBL speaker)? No prices please. Thanks!
""", order_number="60-6601", product_name="JBL speaker", grounds="could you email me a gift receipt"),

L("ru", "damage", "terse, invoice, location city",
  "ИП Шарипов <sharipov.ip@mail.ru>", "бой", """
Счёт 7011. Шины Nokian 205/55 R16 — 2 шт. с порезами. Лежат у нас в Казани. Замена.
""", invoice_number="7011", product_name="Шины Nokian 205/55 R16", quantity="2", unit="pcs", location="у нас в Казани",
  grounds="с порезами", demand="replacement"),

L("ru", "shortage", "quoted Thunderbird attribution below, new text on top",
  "Олег Дьяченко <oleg.dyachenko@gmail.com>", "Re: Заказ 88-1140 доставлен", """
Доставлен не полностью: лампочек Gauss должно быть 30, в коробке 20. Довезите 10.

01.12.2026 10:40, Mailflow Shop пишет:
> Ваш заказ 88-1140 доставлен. Спасибо!
""", order_number="88-1140", product_name="лампочек Gauss", quantity_ordered="30", quantity_received="20", grounds="должно быть 30, в коробке 20",
  demand="delivery_of_missing"),

L("ru", "defect", "HTML-only rambling from an elderly customer, pillows",
  "Нина Фёдоровна <nina.f.zueva@mail.ru>", "подушки", """
<div>Здравствуйте дорогие!</div><div>Заказывала у вас две подушки Fibre 50х70, заказ 91-2256. Подушки пришли, но одна пахнет чем-то химическим, голова болит, спать невозможно. Проветривала на балконе три дня — не помогает. Вторая вроде нормальная.</div><div>Прошу заменить одну подушку.</div><div>Нина Фёдоровна, г. Калуга, 8 (4842) 56-00-11</div>
""", html=True,
  order_number="91-2256", product_name="подушки Fibre 50х70", quantity="2", unit="pcs", location="г. Калуга",
  grounds="одна пахнет чем-то химическим", demand="replacement", phone="+74842560011"),

L("ru", "damage", "photo is PNG named .jpg; content decides",
  "Максим Орлов <orlov.maxim@yandex.ru>", "Повреждённая коробка и монитор", """
Монитор LG 27MP400 по заказу 77-9300 пришёл с отломанной ножкой подставки и царапиной на рамке. Фото прикладываю. Прошу заменить.
""", att=[G("foto.jpg", ctype="image/jpeg")],
  order_number="77-9300", product_name="Монитор LG 27MP400", grounds="пришёл с отломанной ножкой подставки и царапиной на рамке",
  demand="replacement"),

L("ru", "wrong_item", "terse, order in subject, SKU of received item only",
  "Руслан Г. <ruslan.g@mail.ru>", "77-9501 не тот товар", """
Пришёл CR-TIRE16, а я заказывал масло. Заберите.
""", order_number="77-9501", grounds="Пришёл CR-TIRE16, а я заказывал масло"),

L("ru", "service", "asks for compensation for a missed delivery window, mentions two phones",
  "Алла Борисовна <alla.b@yandex.ru>", "Курьер не дождался", """
Добрый день! 30.11 курьер по заказу 91-3390 позвонил в 12:01 и, не дождавшись, пока я спущусь (2 минуты!), уехал. Теперь доставка платная повторно — 390 руб. Считаю, что платить должна не я. Верните 390 руб. или доставьте бесплатно.
Мой мобильный 8 916 321 45 67 (домашний не указывайте).
""", order_number="91-3390", grounds="курьер позвонил и, не дождавшись, пока я спущусь, уехал", demand="refund",
  amount="390.00", currency="RUB", phone="+79163214567"),

L("ru", "shortage", "order number only in attached PDF; body Russian",
  "Заведующая складом <sklad@domovoy-shop.ru>", "Не хватает товара", """
Добрый день. По приложенной накладной не довезли 5 упаковок наполнителя (по накладной 25, приняли 20). Просим довезти на склад в Ярославле, ул. Промышленная, 3.
""", att=[P("TN-13001.pdf", "Waybill TN-13001", "Order ZK-72240", "PC-CAT10 Wood litter 10 kg  25 pack")],
  order_number="ZK-72240", waybill_number="TN-13001", product_name="наполнителя", product_sku="PC-CAT10", unit="pack", quantity_ordered="25", quantity_received="20",
  location="склад в Ярославле, ул. Промышленная, 3", grounds="не довезли 5 упаковок", demand="delivery_of_missing"),

L("en", "delay", "plain with HTML alternative, purchase and promised dates, no money asked",
  "Harriet Cole <harriet.cole@gmail.com>", "Still no sign of order 82-1207", """
Hello,

I ordered two Fibre pillows and a satin bedding set on 18 November (order 82-1207). The confirmation said 3-5 working days. Nothing has arrived, and the tracking link just says "label created".

Could you please check what has happened and let me know when it will be sent?

Best wishes,
Harriet Cole
07912 101202
""", alt=True,
  order_number="82-1207", product_name=["Fibre pillows", "satin bedding set"], quantity=["2"], unit=["pcs"],
  purchase_date="2026-11-18", grounds="The confirmation said 3-5 working days. Nothing has arrived",
  phone="+447912101202"),

L("en", "other", "asks how to register the warranty, not a claim; serial number is not an order",
  "Derek Shaw <derek.shaw@gmail.com>", "Warranty registration for my drill", """
Hi, I bought a Makita HR2470 from you on 24 November (order 40-1299). Do I need to register the warranty with Makita myself or do you do it? Serial no. 0098812.
Thanks, Derek
""", order_number="40-1299", product_name="Makita HR2470", purchase_date="2026-11-24",
  grounds="Do I need to register the warranty with Makita myself"),
]
