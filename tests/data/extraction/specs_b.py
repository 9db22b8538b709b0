# ruff: noqa: E501
"""Letters of the second batch: hand-written claim letters with their expected fields."""

from build import D, G, J, L, P, X

LETTERS = [
L("ru", "defect", "plain with HTML alternative, signature after '-- '",
  "Константин Лаптев <laptev.k@gmail.com>", "Гарантийный случай: мультиварка Redmond", """
Здравствуйте.

Мультиварка Redmond RMC-M903, заказ 88-7013, куплена 2 ноября 2026 г. С 29 ноября на дисплее ошибка E4, нагрев не включается. Прошу принять в гарантийный ремонт. Если ремонт займёт больше 45 дней — прошу замену.

Константин
--
Лаптев Константин Сергеевич
+7 911 234 56 78
""", alt=True,
  order_number="88-7013", product_name="Мультиварка Redmond RMC-M903", product_sku="RMC-M903",
  grounds="на дисплее ошибка E4, нагрев не включается", demand=["repair", "replacement"],
  purchase_date="2026-11-02", phone="+79112345678"),

L("en", "damage", "rambling, several photos, amount as 'EUR 1.249,00' continental style",
  "Jan de Vries <jan.devries@ziggo.nl>", "Damaged washing machine - order 71-7720", """
Good morning,

Yesterday (30 November) the Indesit IWSC 5105 washing machine from order 71-7720 was delivered to our house. The driver left it in the hallway and drove off very quickly. When we removed the packaging we saw the front panel is pushed in, the door does not close properly and there is a crack in the detergent drawer. The foam corners of the packaging were completely crushed on one side so it must have fallen.

We have not connected it, it is still standing in our hallway in Utrecht, Oudegracht 112.

We paid EUR 1.249,00 for delivery and the machine together. We would like you to collect it and send a new one, or refund us.

Best regards,
Jan de Vries
+31 6 12345678
""", att=[J("wasmachine1.jpg"), J("wasmachine2.jpg"), J("wasmachine3.jpg"), J("doos.jpg")],
  order_number="71-7720", product_name="Indesit IWSC 5105 washing machine", product_sku="IWSC 5105",
  location="in our hallway in Utrecht, Oudegracht 112",
  grounds="the front panel is pushed in, the door does not close properly and there is a crack in the detergent drawer",
  demand=["replacement", "refund"], delivery_date="2026-11-30", amount="1249.00", currency="EUR",
  phone="+31612345678"),

L("ru", "delay", "windows-1251, very short, invoice number with 'сч.'",
  "Бухгалтерия <buh@agrotek-kursk.ru>", "сч. 7730 срок", """
Добрый день. Оплатили сч. 7730 от 16.11.2026, поставка до 25.11 — товара нет. Когда отгрузка? Если не отгрузите до 04.12, просим вернуть предоплату 84 600 руб.
""", cs="windows-1251",
  invoice_number="7730", purchase_date="2026-11-16", grounds="поставка до 25.11 — товара нет",
  demand="refund", amount="84600.00", currency="RUB"),

L("en", "shortage", "Outlook '-----Original Message-----' below, terse new text",
  "Liam O'Brien <liam.obrien@obrienhardware.ie>", "RE: Order 40-1203 dispatched", """
Only 2 of the 5 Makita HR2470 rotary hammers arrived. Please send the other 3 asap to our Cork store.
Liam

-----Original Message-----
From: Mailflow Shop <orders@mailflow-shop.com>
Sent: 27 November 2026 14:02
To: Liam O'Brien
Subject: Order 40-1203 dispatched

Your order 40-1203 has been dispatched: Makita HR2470 x 5.
""", order_number="40-1203", product_name="Makita HR2470 rotary hammers", quantity_ordered="5", quantity_received="2",
  location="our Cork store", grounds="Only 2 of the 5 arrived", demand="delivery_of_missing"),

L("ru", "wrong_item", "wrong article, both articles named",
  "Евгений <evg.tarasov@yandex.ru>", "Пришёл не тот картридж (заказ 77-4411)", """
Добрый день! Заказывал картридж HP CF244A (арт. HP-CF244A) для принтера 107a, а пришёл CF283A, он к моему принтеру не подходит. Заказ 77-4411. Прошу заменить на правильный. Неправильный могу отдать курьеру.
Евгений Тарасов, 8-950-333-22-11
""", order_number="77-4411", product_name="картридж HP CF244A", product_sku="HP-CF244A",
  grounds="а пришёл CF283A, он к моему принтеру не подходит", demand="replacement", phone="+79503332211"),

L("en", "defect", "HTML-only, several products, one photo as PNG",
  "Emma Walsh <emma.walsh@btinternet.com>", "Faulty items", """
<html><body>
<p>Hello,</p>
<p>Two things from my order <b>82-2290</b> (delivered 24/11/2026) are faulty:</p>
<ul><li>Gauss LED bulb 10W E27 &times; 6 &ndash; four of them flicker constantly</li>
<li>Schneider Easy9 C16 breaker &times; 2 &ndash; one trips without any load</li></ul>
<p>I&#39;d like replacements for the faulty ones.</p>
<p>Emma Walsh<br>020 7946 0123</p>
</body></html>
""", html=True, att=[G("flicker.png")],
  order_number="82-2290", product_name=["Gauss LED bulb 10W E27", "Schneider Easy9 C16 breaker"],
  quantity=["6", "2"], unit=["pcs", "pcs"], delivery_date="2026-11-24",
  grounds="four of them flicker constantly; one trips without any load", demand="replacement",
  phone="+442079460123"),

L("ru", "damage", "transliteration, no punctuation, amount with 'r'",
  "Aliya <aliya.nurieva@mail.ru>", "razbilas posuda", """
zdravstvuite privezli nabor tarelok luminarc 24 predmeta polovina razbita korobka mokraya zakaz 91-4501 hochu vernut dengi 2490r foto prilagayu
""", att=[J("IMG-20261201-WA0003.jpg"), J("IMG-20261201-WA0004.jpg")],
  order_number="91-4501", product_name="nabor tarelok luminarc 24 predmeta",
  grounds="polovina razbita korobka mokraya", demand="refund", amount="2490.00", currency="RUB"),

L("en", "service", "complaint about a refused return at the pickup point",
  "Sophie Laurent <sophie.laurent@gmail.com>", "Return refused at pickup point", """
Hello,

On 29 November I tried to return the yoga mat from order 71-8115 at your pickup point on Rue de Rivoli. The staff refused to accept it, saying returns are "only online", although your website clearly says returns are accepted at any pickup point within 14 days. I bought it on 20 November, so I am well within that period.

Please accept my return and refund the 35.00 EUR.

Sophie Laurent
""", order_number="71-8115", product_name="yoga mat", purchase_date="2026-11-20",
  grounds="The staff refused to accept it, saying returns are only online", demand="refund",
  amount="35.00", currency="EUR"),

L("ru", "shortage", "XLSX with Cyrillic, several lines short, contract",
  "ООО Ресторан Волна <manager@volna-rest.ru>", "Недопоставка по договору 08/2026-ПС", """
Добрый день.

По договору 08/2026-ПС, накладная ТН-10233 от 30.11.2026, при приёмке выявлена недопоставка:
- салфетки бумажные: заказано 40 упак., получено 30 упак.;
- перчатки нитриловые: заказано 10 упак., получено 6 упак.

Подробности в таблице. Просим допоставить в ресторан: г. Сочи, Курортный пр-т, 18.

Управляющий Артём Гордеев
тел. +7 (862) 555-77-88
""", att=[X("недостача_ТН-10233.xlsx", ("Наименование", "Заказано", "Получено", "Ед."),
             ("Салфетки бумажные 100 шт.", 40, 30, "упак."), ("Перчатки нитриловые", 10, 6, "упак."))],
  contract_number="08/2026-ПС", waybill_number="ТН-10233", product_name=["салфетки бумажные", "перчатки нитриловые"],
  unit=["pack", "pack"], quantity_ordered=["40", "10"], quantity_received=["30", "6"],
  location="г. Сочи, Курортный пр-т, 18", grounds="при приёмке выявлена недопоставка",
  demand="delivery_of_missing", delivery_date="2026-11-30", phone="+78625557788"),

L("en", "delay", "polite, plain with HTML alternative, two orders mentioned",
  "Margaret Evans <maggie.evans@sky.com>", "Two late orders", """
Dear Customer Services,

I hope you are well. I have two orders with you that have not arrived: 82-3301 (placed 12 November) and 82-3318 (placed 15 November). Both were marked "dispatched" on the 17th. I would be grateful if you could look into this and let me know when I can expect them. If they are lost, please send replacements.

Many thanks,
Margaret Evans
01632 960 123 is not my number any more - please use 07912 345 678
""", alt=True,
  order_number=["82-3301", "82-3318"], purchase_date=["2026-11-12", "2026-11-15"],
  grounds="Both were marked dispatched on the 17th and have not arrived", demand="replacement",
  phone="+447912345678"),

L("ru", "defect", "Outlook Russian header below, new text on top",
  "Третьяков Игорь <i.tretyakov@energoprom.ru>", "RE: Ответ по претензии 2261", """
Добрый день.
Дополнительно сообщаю: автоматические выключатели Schneider Easy9 C16, 12 шт., счёт СФ-4120. При проверке 5 шт. не отключаются при перегрузке. Прошу заменить все 5.
Склад: г. Воронеж, ул. Электросигнальная, 9.

Третьяков И.В.
8 (473) 220-45-67

От: Mailflow Claims [mailto:claims@mailflow-shop.ru]
Отправлено: 30 ноября 2026 г. 12:14
Кому: Третьяков Игорь
Тема: Ответ по претензии 2261

Здравствуйте! Уточните, пожалуйста, номер счёта и количество неисправных автоматов.
""", invoice_number="СФ-4120", product_name="автоматические выключатели Schneider Easy9 C16",
  quantity="12", unit="pcs", location="г. Воронеж, ул. Электросигнальная, 9",
  grounds="5 шт. не отключаются при перегрузке", demand="replacement", phone="+74732204567"),

L("en", "wrong_item", "order number only in a PNG screenshot file name",
  "Ryan Cooper <ryan.cooper88@gmail.com>", "not what i ordered", """
hey, ordered the 10kg dumbbell set, got a single 5kg kettlebell. screenshot of my order attached. want the right thing sent pls
""", att=[G("order_60-5502_screenshot.png")],
  order_number="60-5502", product_name="10kg dumbbell set", grounds="got a single 5kg kettlebell",
  demand="replacement"),

L("ru", "other", "asks for an invoice to be reissued with correct company details",
  "Алина Кузнецова <a.kuznetsova@medtrade.ru>", "Неверные реквизиты в счёте", """
Здравствуйте! В счёте № СФ-4477 от 24.11.2026 указано неправильное название нашей организации (ООО «МедТрейд» вместо ООО «МедТрейд Плюс») и неверный ИНН. Прошу перевыставить счёт с верными реквизитами, карточка предприятия во вложении.
Алина, бухгалтер, +7 495 640-11-22
""", att=[D("Карточка_МедТрейд_Плюс.docx", "ООО «МедТрейд Плюс»", "ИНН 7701234567", "КПП 770101001")],
  invoice_number="СФ-4477", purchase_date="2026-11-24",
  grounds="указано неправильное название нашей организации и неверный ИНН", phone="+74956401122"),

L("ru", "damage", "HTML-only, Yandex style, quoted our earlier letter in blockquote",
  "Марат Галиев <m.galiev@yandex.ru>", "Re: Заказ 77-5603 доставлен", """
<div>Доставлен, да. Только шланг Gardena 25 м весь перекручен и порезан в двух местах, упаковка разорвана. Фото прилагаю. Верните 2 790 руб.</div><div> </div><div>Марат, 8 987 654 32 10</div><div> </div><div>01.12.2026, 09:12, "Mailflow Shop" &lt;orders@mailflow-shop.ru&gt;:</div><blockquote><div>Ваш заказ 77-5603 доставлен. Спасибо за покупку!</div></blockquote>
""", html=True, att=[J("shlang.jpg")],
  order_number="77-5603", product_name="шланг Gardena 25 м", grounds="весь перекручен и порезан в двух местах, упаковка разорвана",
  demand="refund", amount="2790.00", currency="RUB", phone="+79876543210"),

L("en", "damage", "terse, waybill, kg",
  "Receiving <goodsin@greenleaf-garden.co.uk>", "Consignment GLW-88120 damaged", """
Consignment GLW-88120: 10 bags universal soil, 3 split open, approx 40 kg lost. Claiming credit of GBP 27.60. Pallet at Reading depot.
""", waybill_number="GLW-88120", product_name="universal soil", quantity="10", unit="pcs",
  location="Reading depot", grounds="3 split open, approx 40 kg lost", demand="compensation",
  amount="27.60", currency="GBP"),

L("ru", "delay", "koi8-r, elderly customer, rambling",
  "Зинаида Петровна <zina.petrovna1952@mail.ru>", "где мой заказ", """
Здравствуйте уважаемые!

Пишет вам Зинаида Петровна, мне 74 года, внук помог заказать у вас пылесос, нет, не пылесос, аэрогриль Филипс, 17 ноября. Сказали привезут через неделю. Уже декабрь, никто не звонит, не привозит. Я каждый день сижу дома жду, никуда не выхожу. Номер заказа 77-6020, внук записал на бумажке.

Прошу или привезите, или верните деньги на карту внука, 14 990 рублей.

Мой телефон 8 (4852) 30-20-10, звоните днём.

Зинаида Петровна, г. Ярославль
""", cs="koi8-r",
  order_number="77-6020", product_name="аэрогриль Филипс", purchase_date="2026-11-17",
  grounds="Сказали привезут через неделю. Уже декабрь", demand="refund", amount="14990.00",
  currency="RUB", phone="+74852302010"),

L("en", "defect", "contract customer, DOCX report, amounts with USD code after",
  "Facilities <facilities@meridian-hotels.com>", "Quality issue - contract MH-2026-14", """
Hello,

Under supply contract MH-2026-14 we received 200 Fibre pillows 50x70 (invoice INV-561877). Housekeeping reports that around 40 of them have a chemical smell that does not go away after airing for a week. Our inspection report is attached.

We request replacement of the 40 pillows or a credit of 560.00 USD.

Goods are held at our central laundry, 300 Harbor Blvd, Miami.

Regards,
Daniela Cruz, Facilities Manager
+1 305 555 0114
""", att=[D("Inspection_report_pillows.docx", "Inspection report", "Invoice INV-561877",
            "40 pillows with persistent chemical smell.")],
  contract_number="MH-2026-14", invoice_number="INV-561877", product_name="Fibre pillows 50x70",
  quantity="200", unit="pcs", location="our central laundry, 300 Harbor Blvd, Miami",
  grounds="have a chemical smell that does not go away after airing for a week",
  demand=["replacement", "compensation"], amount="560.00", currency="USD", phone="+13055550114"),

L("ru", "shortage", "terse, 'шт' without dot, received count in words",
  "Пётр <petr.l@bk.ru>", "Недостача", """
Заказ 88-8120. Заказывал лампы Gauss 10W 20 шт, пришло только десять. Где остальные?
""", order_number="88-8120", product_name="лампы Gauss 10W", unit="pcs", quantity_ordered="20",
  quantity_received="10", grounds="Заказывал 20 шт, пришло только десять", demand="delivery_of_missing"),

L("en", "other", "asks whether warranty covers battery, no fault yet",
  "Hiro Tanaka <hiro.tanaka@gmail.com>", "Warranty question", """
Hi, I bought the Xiaomi Redmi Note 12 from you (order 60-6610, 8 Nov 2026). Does the 12-month warranty also cover the battery? The manual says 6 months. Not a claim yet, just want to know.
Hiro
""", order_number="60-6610", product_name="Xiaomi Redmi Note 12", purchase_date="2026-11-08",
  grounds="Does the 12-month warranty also cover the battery"),

L("ru", "wrong_item", "forwarded from the wife's address, new text carries the facts",
  "Олег Пономарёв <o.ponomarev@gmail.com>", "Fwd: коляска", """
Добрый день, пересылаю письмо жены. Кратко: заказывали прогулочную коляску Yoya Plus серого цвета, заказ 91-6670, пришла розовая и другой модели (Yoya Baby). Нужна замена на заказанную. Коляска у нас дома: Москва, Профсоюзная ул., 56-210.
Олег, +7 903 100 20 30

---------- Forwarded message ---------
От: Анна Пономарёва <anna.ponomareva@gmail.com>
Date: вт, 1 дек. 2026 г. в 09:40
Subject: коляска
To: Олег <o.ponomarev@gmail.com>

Олег, напиши им пожалуйста, коляска не та пришла!!!
""", order_number="91-6670", product_name="прогулочную коляску Yoya Plus", location="Москва, Профсоюзная ул., 56-210",
  grounds="пришла розовая и другой модели (Yoya Baby)", demand="replacement", phone="+79031002030"),

L("en", "damage", "PDF claim form carrying the invoice and amount; body short",
  "Lucas Meyer <lucas.meyer@gmx.de>", "Transport damage claim", """
Please find our claim form attached. The drill case was smashed and the drill does not start.
""", att=[P("claim_form_meyer.pdf", "TRANSPORT DAMAGE CLAIM", "Customer: Lucas Meyer",
            "Invoice: INV-562010", "Product: Bosch GSR 120-LI cordless drill, SKU BO-GSR120",
            "Delivered: 2026-11-28", "Claimed amount: 119.00 EUR", "Requested: replacement"),
       J("case.jpg")],
  invoice_number="INV-562010", product_name="Bosch GSR 120-LI cordless drill", product_sku="BO-GSR120",
  grounds="The drill case was smashed and the drill does not start", demand="replacement",
  delivery_date="2026-11-28", amount="119.00", currency="EUR"),

L("ru", "service", "installation not done, master did not show",
  "Лариса <larisa.gromova@rambler.ru>", "Не пришёл мастер на установку", """
Добрый день! Оплатила установку стиральной машины Indesit вместе с заказом ЗК-70944 (услуга 1 500 руб.). Мастер должен был прийти 30.11 с 9 до 13, никто не пришёл и не позвонил. Машина стоит в коробке. Прошу вернуть деньги за установку.
Лариса Громова, 8 912 000 11 22
""", order_number="ЗК-70944", product_name="стиральной машины Indesit",
  grounds="Мастер должен был прийти 30.11 с 9 до 13, никто не пришёл и не позвонил", demand="refund",
  amount="1500.00", currency="RUB", phone="+79120001122"),

L("ru", "defect", "rambling with typos, several demands, purchase date 'в прошлом месяце' not counted",
  "Станислав <stas_1985@list.ru>", "кресло сломалось", """
добрый день!!! вобщем ситуация такая. брал у вас кресло офисное бюрократ ch-868 в прошлом месяце, заказ 77-7102, собирал сам по инструкции, все как надо. прошло три недели и газлифт начал опускаться сам по себе, сидишь и медленно уезжаешь вниз. а вчера вообще треснула крестовина, хорошо хоть не упал.
я считаю это брак. хочу или деньги назад (8 990) или новое кресло, но не такое же а получше, с доплатой могу.
стас 89261112233
""", order_number="77-7102", product_name="кресло офисное бюрократ ch-868", product_sku="CH-868",
  grounds="газлифт начал опускаться сам по себе, треснула крестовина", demand=["refund", "replacement"],
  amount="8990.00", currency="RUB", phone="+79261112233"),

L("en", "delay", "HTML-only business letter, PO and contract",
  "Purchasing <purchasing@apexbuild.com.au>", "Overdue delivery - PO 4410-22", """
<html><body><table width="600"><tr><td>
<p>Dear Sir/Madam,</p>
<p>Our purchase order <strong>PO 4410-22</strong> under framework contract <strong>FC-2026/03</strong> (120 bags of Ceresit CM 11 tile adhesive) was due on site on <strong>23 November 2026</strong>. As of today nothing has been received and our tilers are standing idle.</p>
<p>We will be claiming the standby costs of AUD 2,400.00 unless the goods arrive by Friday.</p>
<p>Site: 18 Marine Parade, Gold Coast QLD</p>
<p>Regards,<br>Tom Nguyen<br>Purchasing Officer<br>+61 412 345 678</p>
</td></tr></table></body></html>
""", html=True,
  order_number="4410-22", contract_number="FC-2026/03", product_name="Ceresit CM 11 tile adhesive",
  quantity="120", unit="pcs", location="18 Marine Parade, Gold Coast QLD",
  grounds="was due on site on 23 November 2026, nothing has been received", demand="compensation",
  amount="2400.00", currency="AUD", phone="+61412345678"),

L("ru", "damage", "photo named like a document (akt.pdf is a JPEG), DOCX act",
  "Склад Логистик-Юг <sklad@logistic-yug.ru>", "Акт о повреждении груза ТН-10541", """
Добрый день. При приёмке по ТН-10541 повреждены 2 упаковки ламината Tarkett (арт. TK-LAM33) — углы отбиты, доски расколоты. Фото и акт прилагаем. Товар на складе в Краснодаре, ул. Уральская, 75. Просим заменить 2 упак.
Кладовщик Ковальчук
""", att=[J("akt.pdf", ctype="application/pdf"), D("Акт_ТН-10541.docx", "Акт о повреждении", "ТН-10541", "Ламинат Tarkett 2 упак.")],
  waybill_number="ТН-10541", product_name="ламината Tarkett", product_sku="TK-LAM33", quantity="2", unit="pack",
  location="на складе в Краснодаре, ул. Уральская, 75", grounds="углы отбиты, доски расколоты",
  demand="replacement", photos=1, documents=1),

L("en", "defect", "quoted reply with '>' lines in between the answers",
  "Chris Jordan <chris.jordan@me.com>", "Re: Your question about the kettle", """
> Could you please tell us the order number?
60-7791

> What exactly is wrong with the kettle?
It switches off before the water boils and the limescale filter fell out on day two.

> What would you like us to do?
Refund please, GBP 34.99.

Chris
""", order_number="60-7791", product_name="kettle",
  grounds="It switches off before the water boils and the limescale filter fell out on day two",
  demand="refund", amount="34.99", currency="GBP"),

L("ru", "shortage", "set incomplete, bits missing, 'набор' unit set",
  "Игорь Мельников <melnikov.igor@gmail.com>", "В наборе не хватает бит", """
Здравствуйте. Купил набор бит Зубр 18 предметов (ZB-DS18), заказ 88-9001. В коробке только 15 бит, трёх не хватает (PH2, PZ2 и T25). Прошу дослать недостающие или заменить набор.
Игорь
""", order_number="88-9001", product_name="набор бит Зубр 18 предметов", product_sku="ZB-DS18",
  quantity_ordered="18", quantity_received="15", grounds="В коробке только 15 бит, трёх не хватает",
  demand=["delivery_of_missing", "replacement"]),

L("en", "wrong_item", "several products, one wrong, Outlook reply header",
  "Natalie Brooks <n.brooks@brooksdesign.co>", "RE: Delivery confirmation 82-4410", """
Hi,

Everything arrived except that instead of 3 Erich Krause blue gel pens packs we got 3 packs of black ballpoints. The A4 paper (5 boxes) is fine. Can you swap the pens?

Natalie

From: Mailflow Shop <orders@mailflow-shop.com>
Sent: Tuesday, December 1, 2026 9:15 AM
To: Natalie Brooks
Subject: Delivery confirmation 82-4410

Your order 82-4410 has been delivered.
""", order_number="82-4410", product_name="Erich Krause blue gel pens", quantity="3", unit="pack",
  grounds="instead of blue gel pens we got 3 packs of black ballpoints", demand="replacement"),

L("ru", "defect", "amount 'тыс. руб.' and date 'от 05.11.26' short year",
  "ИП Захарова <zaharova.ip@mail.ru>", "Брак шлифмашины Интерскол", """
Добрый день! УШМ Интерскол 125/900, чек от 05.11.26, заказ 77-7788. При работе сильная вибрация и искрит двигатель, пахнет горелым. Прошу вернуть 4,2 тыс. руб.
Захарова Е.А. +7 951 765 00 11
""", order_number="77-7788", product_name="УШМ Интерскол 125/900", purchase_date="2026-11-05",
  grounds="сильная вибрация и искрит двигатель, пахнет горелым", demand="refund", amount="4200.00",
  currency="RUB", phone="+79517650011"),

L("en", "service", "wrong delivery address used, plain with alternative",
  "Aisha Bello <aisha.bello@yahoo.co.uk>", "Delivered to the wrong address", """
Hello,

My order 82-5123 was marked as delivered on 28 November, but not to me - the photo in the tracking shows a door that isn't mine. I updated my address in my account on the 20th and your confirmation email showed the new one (Flat 3, 21 Park Road, Bristol).

Please find the parcel or send a new one. I paid £62.50.

Aisha
07911 765432
""", alt=True,
  order_number="82-5123", location="Flat 3, 21 Park Road, Bristol", delivery_date="2026-11-28",
  grounds="marked as delivered but not to me - the photo shows a door that isn't mine",
  demand="replacement", amount="62.50", currency="GBP", phone="+447911765432"),

L("ru", "damage", "very short from a phone, 'Отправлено с iPhone' signature",
  "Ксения <ksu.ivanova@icloud.com>", "Заказ 91-7005", """
Термос пришёл помятый, крышка не закручивается. Замените пожалуйста.

Отправлено с iPhone
""", order_number="91-7005", product_name="Термос", grounds="пришёл помятый, крышка не закручивается",
  demand="replacement"),

L("en", "delay", "transliteration-like broken English, order in subject only",
  "Ivan Petrenko <ivan.petrenko@ukr.net>", "Order 71-9907 delay", """
Good day. I wait my order already 18 days, you write 5-7 days. Tracking not update since 20 of november. Please answer me when it will come or give money back 210 euro.
""", order_number="71-9907", grounds="I wait my order already 18 days, you write 5-7 days",
  demand="refund", amount="210.00", currency="EUR"),

L("ru", "other", "complaint about spam mailings, asks to unsubscribe and delete data",
  "Геннадий Ф. <gennadiy.f@yandex.ru>", "Прекратите рассылку", """
Здравствуйте. Третий раз прошу удалить мой адрес из рассылки и удалить мои персональные данные. Каждый день приходят по 3 письма с акциями. Телефон 8 916 700 80 90 тоже удалите, звонят из вашего колл-центра.
""", grounds="Каждый день приходят по 3 письма с акциями", phone="+79167008090"),

L("ru", "delay", "date written in words with year, contract number",
  "Снабжение ЗАО Металлург <snab@metallurg-chel.ru>", "Просрочка поставки по договору № 214/26", """
Уважаемые коллеги!

В соответствии с договором № 214/26 от второго сентября 2026 года поставка кабеля ВВГнг 3х2,5 в количестве 1500 м должна была быть осуществлена не позднее 20 ноября 2026 года. До настоящего времени кабель не поставлен.

Просим в срок до 07.12.2026 осуществить поставку либо вернуть перечисленный аванс в сумме 96 750 (девяносто шесть тысяч семьсот пятьдесят) рублей 00 копеек.

Начальник отдела снабжения
Ерохин В.В.
+7 351 211-22-33
""", contract_number="214/26", product_name="кабеля ВВГнг 3х2,5", quantity="1500", unit="m",
  grounds="поставка должна была быть осуществлена не позднее 20 ноября 2026 года, кабель не поставлен",
  demand="refund", amount="96750.00", currency="RUB", phone="+73512112233"),

L("en", "shortage", "pack of 100 had fewer pieces; counted ordered/received in pieces",
  "Dr. Amelia Stone <a.stone@stonedental.com>", "Glove boxes short", """
Hello,

We ordered nitrile gloves (packs of 100) - order 40-2288. Three of the packs we opened contained 80, 75 and 82 gloves. That is 63 gloves missing from 300. Please credit us or send an extra pack.

Dr Amelia Stone
Stone Dental, 9 King St, Edinburgh
""", order_number="40-2288", product_name="nitrile gloves", unit="pcs", quantity_ordered="300",
  quantity_received="237", location="Stone Dental, 9 King St, Edinburgh",
  grounds="Three of the packs contained 80, 75 and 82 gloves", demand=["compensation", "delivery_of_missing"]),

L("ru", "defect", "windows-1251, HTML-only",
  "Андрей Шмелёв <shmelev.a@rambler.ru>", "Брак монитора", """
<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head><body>
<p>Добрый день!</p><p>Монитор LG 27MP400 (заказ ЗК-71020), на экране битые пиксели — 4 штуки в центре, и подсветка неравномерная. Прошу заменить монитор.</p><p>Шмелёв Андрей<br>тел. 8-915-432-10-98</p>
</body></html>
""", html=True, cs="windows-1251",
  order_number="ЗК-71020", product_name="Монитор LG 27MP400", grounds="битые пиксели — 4 штуки в центре, и подсветка неравномерная",
  demand="replacement", phone="+79154321098"),

L("en", "damage", "PDF delivery note with the order number only there",
  "Sam Wilson <samwilson@hey.com>", "Broken LEGO box", """
The LEGO City set arrived with the box crushed and 3 of the bags torn open, pieces everywhere in the carton. It's a Christmas present so a broken box is no good. Delivery note attached. Please send a new one.
""", att=[P("delivery_note.pdf", "DELIVERY NOTE", "Order 60-8120", "LEGO City 60337  1 pcs", "Delivered 2026-11-29")],
  order_number="60-8120", product_name="LEGO City set", product_sku="60337",
  grounds="arrived with the box crushed and 3 of the bags torn open", demand="replacement",
  delivery_date="2026-11-29"),

L("ru", "wrong_item", "several items, quantities in 'упак.' and 'кг'",
  "Кафе Бриз <cafe.briz@mail.ru>", "Пересорт по заказу 77-8123", """
Добрый день. По заказу 77-8123 пересорт:
1) вместо чая зелёного Greenfield 100 пак. — 5 упак. пришёл чёрный;
2) вместо кофе Lavazza Qualita Oro 1 кг — 3 кг пришла Qualita Rossa.
Просим заменить. Адрес: Калининград, Ленинский пр-т, 30, кафе «Бриз».
Администратор Вера, 8 (4012) 55-66-77
""", order_number="77-8123", product_name=["чая зелёного Greenfield 100 пак.", "кофе Lavazza Qualita Oro 1 кг"],
  quantity=["5", "3"], unit=["pack", "kg"], location="Калининград, Ленинский пр-т, 30, кафе «Бриз»",
  grounds="вместо зелёного пришёл чёрный; пришла Qualita Rossa", demand="replacement", phone="+74012556677"),

L("en", "defect", "terse, phone with country code in brackets",
  "Mia Schneider <mia.schneider@t-online.de>", "Bluetooth speaker no sound", """
JBL Flip 6, order 71-0033, bought 13.11.2026. No sound from the left driver since yesterday. Repair please. (+49) 151 23456789
""", order_number="71-0033", product_name="JBL Flip 6", purchase_date="2026-11-13",
  grounds="No sound from the left driver", demand="repair", phone="+4915123456789"),

L("ru", "damage", "rambling, location as a pickup point, two photos PNG",
  "Валентина Сергеевна <val.serg@inbox.ru>", "Повреждённый товар в пункте выдачи", """
Здравствуйте.

Пришла сегодня забирать заказ 88-9550 в ваш пункт выдачи на ул. Ленина, 12 в Туле. Сотрудница вынесла коробку, а она вся мокрая и продавленная. Вскрыли при мне — набор посуды Tefal Natura, у большой кастрюли вмятина на боку, крышка от сковороды разбита. Я отказалась забирать, коробка осталась в пункте выдачи. Сотрудница сфотографировала, я тоже, фото прикладываю.

Прошу прислать новый набор в тот же пункт.

Валентина Сергеевна
+7 (910) 555-44-33
""", att=[G("posuda1.png"), G("posuda2.png")],
  order_number="88-9550", product_name="набор посуды Tefal Natura",
  location="пункт выдачи на ул. Ленина, 12 в Туле",
  grounds="у большой кастрюли вмятина на боку, крышка от сковороды разбита", demand="replacement",
  phone="+79105554433"),

L("en", "service", "asks to speak to a manager after chat transcript; amount none",
  "George Harris <g.harris@harrislaw.co.uk>", "Formal complaint about your chat support", """
Dear Sir or Madam,

I wish to make a formal complaint about the handling of my enquiry regarding order 82-6650. On 26 November your chat agent closed the chat twice while I was typing and on the third attempt told me my order "did not exist", although I have a confirmation email.

I expect a written apology and a call from a manager on 020 7946 0555.

Yours faithfully,
George Harris
""", order_number="82-6650", grounds="your chat agent closed the chat twice and told me my order did not exist",
  phone="+442079460555"),

L("ru", "shortage", "translit, terse",
  "Nikita <nikita.sharov@gmail.com>", "nedostacha 77-9010", """
zakaz 77-9010 zakazyval 4 shiny Nokian R16 prishlo 3 dovezite chetvertuyu
""", order_number="77-9010", product_name="shiny Nokian R16", quantity_ordered="4", quantity_received="3",
  grounds="zakazyval 4 prishlo 3", demand="delivery_of_missing"),

L("en", "defect", "PDF invoice with SKU, phone US with dots",
  "Kevin Lee <kevin.lee@leefamily.us>", "Hair in the pillow?!", """
Hello,

The two Fibre 50x70 pillows I ordered smell of damp and one of them has a brown stain inside the cover. This is not acceptable for bedding. Invoice attached. Please refund $38.00.

Kevin
415.555.0132
""", att=[P("INV-563300.pdf", "Invoice INV-563300", "TX-PL50 Fibre pillow 50x70  2 pcs  38.00 USD")],
  invoice_number="INV-563300", product_name="Fibre 50x70 pillows", product_sku="TX-PL50", quantity="2", unit="pcs",
  grounds="smell of damp and one of them has a brown stain inside the cover", demand="refund",
  amount="38.00", currency="USD", phone="+14155550132"),

L("ru", "damage", "waybill number only in the XLSX, body without numbers",
  "Приёмка ТЦ Гранд <priemka@tc-grand.ru>", "Повреждение при перевозке", """
Добрый день, при разгрузке обнаружили повреждение 3 коробок с конструкторами LEGO City (коробки раздавлены, часть пакетов порвана). Накладная во вложении. Товар у нас на складе ТЦ «Гранд», г. Химки. Просим уценку 30% или замену.
""", att=[X("nakladnaya.xlsx", ("Накладная", "ТН-10877"), ("Артикул", "Наименование", "Кол-во"), ("TY-LEGO60", "Конструктор LEGO City 60337", 12))],
  waybill_number="ТН-10877", product_name="конструкторами LEGO City", product_sku="TY-LEGO60", quantity="3", unit="box",
  location="на складе ТЦ «Гранд», г. Химки", grounds="коробки раздавлены, часть пакетов порвана",
  demand=["price_reduction", "replacement"]),

L("en", "delay", "terse plain text from a phone, 'Sent from my iPhone'",
  "Zoe <zoe.t@icloud.com>", "where is order 60-9102", """
Ordered 20 Nov, promised 25th, still nothing. Pls sort it out.

Sent from my iPhone
""", order_number="60-9102", purchase_date="2026-11-20", grounds="promised 25th, still nothing"),

L("ru", "service", "rude call-centre, asks for compensation in points",
  "Дарья <daria.sim@mail.ru>", "Жалоба на оператора", """
Здравствуйте! 27 ноября звонила на горячую линию по поводу возврата по заказу 91-8811. Оператор разговаривал грубо, перебивал, в итоге сказал «читайте сайт» и отключился. Считаю, что это недопустимо. Прошу принести извинения и начислить компенсацию баллами.
Дарья Симонова, 8 926 700 11 00
""", order_number="91-8811", grounds="Оператор разговаривал грубо, перебивал, сказал «читайте сайт» и отключился",
  demand="compensation", phone="+79267001100"),

L("en", "other", "asks for a VAT invoice, not a fault",
  "Accounts <accounts@fieldandco.co.uk>", "VAT invoice needed - order 82-7001", """
Hi, could you send a VAT invoice for order 82-7001 (placed 19 Nov)? The receipt we got doesn't show your VAT number. Thanks, Accounts team.
""", order_number="82-7001", purchase_date="2026-11-19", grounds="The receipt doesn't show your VAT number"),

L("ru", "damage", "contract customer, amount with '₽' and spaces, two products",
  "Отдел логистики Стройград <log@stroygrad.ru>", "Повреждение груза по договору СГ-19/2026", """
Добрый день.

По договору СГ-19/2026, накладная ТН-11020 от 01.12.2026, повреждены при перевозке:
— штукатурка Knauf Ротбанд 25 кг: 7 мешков порваны, содержимое рассыпано;
— клей Ceresit CM 11: 3 мешка намокли и затвердели.

Требуем возместить стоимость повреждённого товара: 5 320 ₽ + 1 470 ₽, итого 6 790 ₽.
Товар на складе: Ростов-на-Дону, ул. Доватора, 148.

Логист Сафронова Т.
+7 863 300-12-12
""", contract_number="СГ-19/2026", waybill_number="ТН-11020",
  product_name=["штукатурка Knauf Ротбанд 25 кг", "клей Ceresit CM 11"], quantity=["7", "3"], unit=["pcs", "pcs"],
  location="Ростов-на-Дону, ул. Доватора, 148", grounds="мешки порваны, содержимое рассыпано; намокли и затвердели",
  demand="compensation", delivery_date="2026-12-01", amount="6790.00", currency="RUB", phone="+78633001212"),
]
